import { loadStripe, type Stripe, type StripeElements } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { siteLanguage } from '../lib/i18n.ts';
import { siteLocale } from '../lib/locale.ts';
import type { PaymentProps } from './Payment.tsx';

/**
 * Stripe's Payment Element with a deferred intent: the element shows before the booking
 * exists; Pay validates it, creates the booking (and its PaymentIntent), then confirms.
 * Loaded only when the site is configured for Stripe, so Stripe.js never loads otherwise.
 */
export default function StripePayment({
  config,
  amountCents,
  currency,
  createBooking,
  onPaid,
}: PaymentProps) {
  const { t } = useTranslation('book');
  const mount = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const elements = useRef<StripeElements | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  // biome-ignore lint/correctness/useExhaustiveDependencies: mount once; the amount is updated below
  useEffect(() => {
    let live = true;
    loadStripe(config.stripePublishableKey).then(
      (loaded) => {
        if (!live || !loaded || !mount.current) return;
        const created = loaded.elements({
          mode: 'payment',
          // Stripe's own words (card fields, its errors) in the site's language.
          locale: siteLanguage(),
          amount: amountCents,
          currency: currency.toLowerCase(),
          appearance: { theme: 'stripe', variables: { colorPrimary: '#a4161a' } },
        });
        created.create('payment', { layout: 'tabs' }).mount(mount.current);
        elements.current = created;
        setStripe(loaded);
      },
      () => live && setMessage(t('payment.loadFailed')),
    );
    return () => {
      live = false;
    };
  }, [config.stripePublishableKey]);

  useEffect(() => {
    elements.current?.update({ amount: amountCents, currency: currency.toLowerCase() });
  }, [amountCents, currency]);

  async function pay() {
    if (!stripe || !elements.current) return;
    setBusy(true);
    setMessage('');
    try {
      const { error: invalid } = await elements.current.submit();
      if (invalid) {
        setMessage(invalid.message ?? t('payment.checkDetails'));
        return;
      }
      const booking = await createBooking();
      if (!booking) return;
      const { error } = await stripe.confirmPayment({
        elements: elements.current,
        clientSecret: booking.clientSecret,
        confirmParams: { return_url: `${window.location.origin}/success/${booking.callId}` },
        redirect: 'if_required',
      });
      if (error) {
        setMessage(t('payment.failedTryAgain', { reason: error.message ?? t('payment.failed') }));
        return;
      }
      onPaid(booking);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="payment" aria-label={t('payment.label')}>
      <div ref={mount} className="payment-element" />
      <button
        type="button"
        className="button button-primary button-large button-block"
        onClick={() => void pay()}
        disabled={busy || !stripe}
      >
        {busy
          ? t('payment.paying')
          : t('payment.pay', { amount: formatMoney(amountCents, currency, siteLocale()) })}
      </button>
      <p className={message ? 'status status-error' : 'status'} role="status">
        {message || '\u00a0'}
      </p>
    </section>
  );
}
