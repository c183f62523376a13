import { useTranslation } from 'react-i18next';
import { api } from '../lib/api.ts';
import type { RecordingPurchase } from '../lib/types.ts';
import { useSiteConfig } from '../lib/useSiteConfig.ts';
import { Payment } from './Payment.tsx';

/**
 * Pays for the recording after the call with the booking's own Payment form: Pay asks the API
 * for the recording's PaymentIntent (`POST /api/calls/{id}/recording-purchase`, the same answer
 * shape as a new booking's) and confirms it. The Stripe webhook then unlocks the recording.
 */
export default function RecordingOffer({
  callId,
  token,
  amountCents,
  currency,
  onPaid,
}: {
  readonly callId: string;
  readonly token: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly onPaid: () => void;
}) {
  const { t } = useTranslation('recording');
  const { config, failed } = useSiteConfig();
  if (!config) {
    return (
      <div className="payment-placeholder">
        {failed ? t('offer.paymentFailed') : t('offer.loadingPayment')}
      </div>
    );
  }
  return (
    <Payment
      config={config}
      amountCents={amountCents}
      currency={currency}
      createBooking={() =>
        api<RecordingPurchase>(`/api/calls/${encodeURIComponent(callId)}/recording-purchase`, {
          method: 'POST',
          body: {},
          token,
        })
      }
      onPaid={onPaid}
    />
  );
}
