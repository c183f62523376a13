import type Stripe from 'stripe';
import { appSecrets } from '../config/secrets.ts';
import { createStripeClient } from './stripe-client.ts';

let client: Promise<Stripe> | undefined;

/** One Stripe client per container, made once the secret key has been read. */
function stripe(): Promise<Stripe> {
  client ??= appSecrets().then((secrets) =>
    createStripeClient({ ...process.env, STRIPE_SECRET_KEY: secrets.stripeSecretKey }),
  );
  return client;
}

export interface PaymentRequest {
  readonly bookingId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly receiptEmail: string;
}

/**
 * A PaymentIntent for the booking. The idempotency key is the booking id, so a retry after a
 * timeout returns the same intent and the parent is never charged twice.
 */
export async function createPaymentIntent(
  request: PaymentRequest,
): Promise<{ id: string; clientSecret: string }> {
  const intent = await (await stripe()).paymentIntents.create(
    {
      amount: request.amountCents,
      currency: request.currency,
      automatic_payment_methods: { enabled: true },
      receipt_email: request.receiptEmail,
      description: 'A phone call from Santa',
      metadata: { bookingId: request.bookingId },
    },
    { idempotencyKey: `payment-intent-${request.bookingId}` },
  );
  if (!intent.client_secret)
    throw new Error('Stripe returned a PaymentIntent without a client secret.');
  return { id: intent.id, clientSecret: intent.client_secret };
}

/** Refunds the booking's payment in full; idempotent per booking. */
export async function refundPayment(bookingId: string, paymentIntentId: string): Promise<string> {
  const refund = await (await stripe()).refunds.create(
    {
      payment_intent: paymentIntentId,
      reason: 'requested_by_customer',
      metadata: { bookingId },
    },
    { idempotencyKey: `refund-${bookingId}` },
  );
  return refund.id;
}

/** Verifies a webhook on its raw body and returns the event, or throws. */
export async function verifyStripeEvent(rawBody: string, signature: string): Promise<Stripe.Event> {
  const [client, secrets] = await Promise.all([stripe(), appSecrets()]);
  return client.webhooks.constructEvent(rawBody, signature, secrets.stripeWebhookSecret);
}

/** The booking a PaymentIntent was made for (refund events carry the Charge, not the intent). */
export async function bookingIdOfPaymentIntent(
  paymentIntentId: string,
): Promise<string | undefined> {
  const intent = await (await stripe()).paymentIntents.retrieve(paymentIntentId);
  return intent.metadata.bookingId;
}

/** Cancels an unpaid PaymentIntent so a cancelled booking cannot be paid later. */
export async function cancelPaymentIntent(paymentIntentId: string): Promise<void> {
  await (await stripe()).paymentIntents.cancel(paymentIntentId);
}
