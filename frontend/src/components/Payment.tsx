import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedBooking, SiteConfig } from '../lib/types.ts';

/** Creates (or reuses) the booking; undefined when the form has errors to show instead. */
export type CreateBooking = () => Promise<CreatedBooking | undefined>;

export interface PaymentProps {
  readonly config: SiteConfig;
  /** What the server says the call costs, in minor units of `currency`. */
  readonly amountCents: number;
  readonly currency: string;
  readonly createBooking: CreateBooking;
  readonly onPaid: (booking: CreatedBooking) => void;
}

const StripePayment = lazy(() => import('./StripePayment.tsx'));

/**
 * The Stripe emulator's test card form exists only in the local cloud's build
 * (`vite build --mode local-cloud`, frontend/vite.config.ts). Vite replaces the mode at build
 * time, so in a production build this is `undefined` and the form's module is never bundled.
 */
const EmulatorPayment =
  import.meta.env.MODE === 'local-cloud' ? lazy(() => import('./EmulatorPayment.tsx')) : undefined;

/** Stripe's Payment Element; against the local emulator, a labelled test card form. */
export function Payment(props: PaymentProps) {
  const { config } = props;
  const { t } = useTranslation('book');
  const loading = <div className="payment-placeholder">{t('payment.loading')}</div>;
  if (config.stripeMode === 'emulator') {
    if (!EmulatorPayment) {
      return (
        <p className="status status-error" role="status">
          {t('payment.localOnly')}
        </p>
      );
    }
    return (
      <Suspense fallback={loading}>
        <EmulatorPayment {...props} config={config} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={loading}>
      <StripePayment {...props} />
    </Suspense>
  );
}
