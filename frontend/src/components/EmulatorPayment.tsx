import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { SiteConfig } from '../lib/types.ts';
import type { PaymentProps } from './Payment.tsx';

const testCards = [
  { id: 'pm_card_visa', label: 'Visa •••• 4242', note: 'payment succeeds' },
  { id: 'pm_card_chargeDeclined', label: 'Visa •••• 0002', note: 'declined' },
  {
    id: 'pm_card_chargeDeclinedInsufficientFunds',
    label: 'Visa •••• 9995',
    note: 'declined: insufficient funds',
  },
] as const;

/**
 * The test form's own explanations (test mode, the cards) stay in English: only developers and
 * tests see this form. Pay and the payment's outcome are in the site's language.
 *
 * The local Stripe emulator's test cards, confirmed through its API exactly as Stripe.js
 * confirms: the publishable key and the intent's client secret, from the browser. Only in the
 * local cloud's build of the site (see Payment.tsx); never in the production bundle.
 */
export default function EmulatorPayment({
  config,
  amountCents,
  currency,
  createBooking,
  onPaid,
}: PaymentProps & { readonly config: Extract<SiteConfig, { stripeMode: 'emulator' }> }) {
  const { t } = useTranslation('book');
  const [card, setCard] = useState<string>(testCards[0].id);
  // Whether the status says the payment failed (an error), not that it is on its way.
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function pay() {
    setBusy(true);
    setMessage('');
    setFailed(false);
    try {
      const booking = await createBooking();
      if (!booking) return;
      setMessage(t('payment.confirming'));
      const response = await fetch(
        `${config.stripeEmulatorUrl}/v1/payment_intents/${encodeURIComponent(booking.paymentIntentId)}/confirm`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${config.stripePublishableKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ payment_method: card, client_secret: booking.clientSecret }),
        },
      );
      const json = (await response.json().catch(() => ({}))) as {
        status?: string;
        error?: { message?: string };
      };
      if (response.ok && json.status === 'succeeded') {
        setMessage(t('payment.received'));
        onPaid(booking);
        return;
      }
      setFailed(true);
      setMessage(t('payment.declined', { reason: json.error?.message ?? t('payment.failed') }));
    } catch {
      setFailed(true);
      setMessage(t('payment.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="payment test-payment" aria-labelledby="test-payment-title">
      <h3 id="test-payment-title">
        <span className="badge">Test mode</span> Test payment (local emulator)
      </h3>
      <p className="hint">
        This site runs on a local test setup: no real money moves. Pick a test card.
      </p>
      <fieldset>
        <legend className="visually-hidden">Test card</legend>
        {testCards.map((item) => (
          <label key={item.id} className="choice card-choice">
            <input
              type="radio"
              name="test-card"
              value={item.id}
              checked={card === item.id}
              onChange={() => setCard(item.id)}
            />
            <span>
              {item.label} — {item.note}
            </span>
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="button button-primary button-large button-block"
        onClick={() => void pay()}
        disabled={busy}
        aria-describedby="payment-status"
      >
        {busy
          ? t('payment.paying')
          : t('payment.pay', { amount: formatMoney(amountCents, currency, siteLocale()) })}
      </button>
      <p id="payment-status" className={failed ? 'status status-error' : 'status'} role="status">
        {message || '\u00a0'}
      </p>
    </section>
  );
}
