import {
  bookingIdOfPaymentIntent,
  retrieveCharge,
  retrievePaymentIntent,
  verifyStripeEvent,
  WebhookSignatureError,
} from '../adapters/payments.ts';
import { DomainError } from '../core/errors.ts';
import { recordingPurpose } from '../core/recording-purchase.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { findBooking } from '../data/bookings.ts';
import { isWebhookProcessed, recordWebhookProcessed } from '../data/webhooks.ts';
import type { WebhookReceipt } from '../schemas/api/webhook-receipt.ts';
import type { StripeEvent } from '../schemas/stripe-event.ts';
import { applyPaymentFact, applyPaymentSucceeded } from '../services/after-payment.ts';
import { applyRecordingPayment } from '../services/recording-payment.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger, setBookingCorrelation } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { rawBody } from '../shared/request.ts';

/**
 * POST /api/webhooks/stripe. Verified on the raw body (HMAC, and a timestamp within 300 s
 * either way) before anything else, then read with our own schema: a signed body that is not
 * an event we can read is a 400, an event type we do not handle a 200. Deduplicated on the
 * event id; every step idempotent, so Stripe's retries and duplicates change nothing twice.
 * The event is recorded as processed only after all its work is done: a crash midway makes
 * Stripe retry, and the retry finishes the job.
 *
 * Answers: 200 `{ received: true }` (also for events about no booking of ours, and for
 * payments that do not match their booking — retrying would not make them true); 400
 * `{ error }` for a bad signature or body; 502 when Stripe itself could not be asked (so
 * Stripe sends the event again later).
 */
export const handler = httpHandler(async (event) => {
  const signature = event.headers['stripe-signature'];
  if (!signature) {
    countMetric(metricNames.signatureFailures);
    throw new DomainError(
      'invalid',
      'missing_signature',
      'The Stripe-Signature header is missing.',
    );
  }
  const stripeEvent = await verifyStripeEvent(rawBody(event), signature).catch((error) => {
    if (error instanceof WebhookSignatureError) countMetric(metricNames.signatureFailures);
    throw error;
  });
  logger.appendKeys({ stripeEventId: stripeEvent.id, stripeEventType: stripeEvent.type });
  if (await isWebhookProcessed('stripe', stripeEvent.id)) {
    return jsonResponse(200, { received: true, duplicate: true } satisfies WebhookReceipt);
  }
  await handleEvent(stripeEvent);
  await recordWebhookProcessed('stripe', stripeEvent.id, stripeEvent.type);
  return jsonResponse(200, { received: true } satisfies WebhookReceipt);
});

async function handleEvent(stripeEvent: StripeEvent): Promise<void> {
  if (stripeEvent.kind === 'unhandled') {
    logger.info('stripe event ignored');
    return;
  }
  if (stripeEvent.kind === 'charge') {
    // The body says "refunded"; Stripe's own record of the charge decides how much.
    const charge = await retrieveCharge(stripeEvent.data.object.id);
    if (!charge?.payment_intent) return notOurs();
    const bookingId =
      charge.metadata.bookingId ?? (await bookingIdOfPaymentIntent(charge.payment_intent));
    if (!bookingId) return notOurs();
    setBookingCorrelation(bookingId);
    await applyPaymentFact(bookingId, {
      type: 'charge_refunded',
      paymentIntentId: charge.payment_intent,
      amountCents: charge.amount,
      amountRefundedCents: charge.amount_refunded,
      refunded: charge.refunded,
    }).then(orNotOurs);
    return;
  }
  const intent = stripeEvent.data.object;
  const bookingId = intent.metadata.bookingId;
  // Not ours (another integration on the account) or a test event: acknowledge and move on.
  if (!bookingId) return notOurs();
  setBookingCorrelation(bookingId);
  if (intent.metadata.purpose === recordingPurpose) {
    await handleRecordingEvent(stripeEvent.type, bookingId, intent.id);
    return;
  }
  switch (stripeEvent.type) {
    case 'payment_intent.succeeded': {
      // The body says "paid"; Stripe's own record decides. A failure to ask Stripe throws a
      // PaymentProviderError (502), so Stripe retries; an intent that does not match the
      // booking is recorded and answered 200, since asking again would not change it.
      const current = await retrievePaymentIntent(intent.id);
      if (!current) {
        await recordUnknownIntent(bookingId, intent.id);
        return;
      }
      await applyPaymentSucceeded(bookingId, current).then(orNotOurs);
      return;
    }
    case 'payment_intent.payment_failed':
      await applyPaymentFact(bookingId, {
        type: 'payment_failed',
        paymentIntentId: intent.id,
        code: intent.last_payment_error?.code ?? undefined,
      }).then(orNotOurs);
      return;
    case 'payment_intent.canceled':
      await applyPaymentFact(bookingId, {
        type: 'payment_canceled',
        paymentIntentId: intent.id,
      }).then(orNotOurs);
      return;
  }
}

/**
 * A recording bought after the call (its own PaymentIntent): the success re-read from Stripe is
 * applied by `applyRecordingPayment`; a decline or cancellation is only recorded.
 */
async function handleRecordingEvent(
  type: Exclude<StripeEvent, { kind: 'charge' | 'unhandled' }>['type'],
  bookingId: string,
  paymentIntentId: string,
): Promise<void> {
  if (type !== 'payment_intent.succeeded') {
    if (!(await findBooking(bookingId))) return notOurs();
    await appendAuditEvent(bookingId, {
      type:
        type === 'payment_intent.canceled'
          ? 'recording_payment_canceled'
          : 'recording_payment_failed',
      detail: { paymentIntentId },
    });
    return;
  }
  const current = await retrievePaymentIntent(paymentIntentId);
  if (!current) {
    await recordUnknownIntent(bookingId, paymentIntentId);
    return;
  }
  await applyRecordingPayment(bookingId, current).then(orNotOurs);
}

/** Stripe has no such intent: the event cannot be true. Recorded on the booking, if any. */
async function recordUnknownIntent(bookingId: string, paymentIntentId: string): Promise<void> {
  if (!(await findBooking(bookingId))) return notOurs();
  await appendAuditEvent(bookingId, {
    type: 'payment_not_accepted',
    detail: { paymentIntentId, reason: 'unknown_payment_intent' },
  });
}

function orNotOurs(outcome: string): void {
  if (outcome === 'no_booking') notOurs();
}

function notOurs(): void {
  logger.warn('stripe event for no known booking');
}
