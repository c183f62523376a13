import type Stripe from 'stripe';
import { deleteBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import {
  bookingIdOfPaymentIntent,
  refundPayment,
  verifyStripeEvent,
} from '../adapters/payments.ts';
import { announcePaidBooking, sendConfirmationOnce } from '../bookings/after-payment.ts';
import { armCall } from '../bookings/arm-call.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { appSecrets } from '../config/secrets.ts';
import { isChangeable } from '../core/booking-status.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import {
  type Booking,
  type BookingChanges,
  ConflictingWriteError,
  changeBooking,
  findBooking,
  StaleBookingError,
} from '../data/bookings.ts';
import { confirmPlaceTransaction, forcePlaceTransactions, givePlaceBack } from '../data/slots.ts';
import { isWebhookProcessed, recordWebhookProcessed } from '../data/webhooks.ts';
import { DomainError } from '../shared/errors.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { rawBody } from '../shared/request.ts';

const config = loadBookingConfig();

/**
 * POST /api/webhooks/stripe. Verified on the raw body before anything else; deduplicated on
 * the event id; every step idempotent, so Stripe's retries and duplicates change nothing twice.
 * The event is recorded as processed only after all its work is done: a crash midway makes
 * Stripe retry, and the retry finishes the job.
 */
export const handler = httpHandler(async (event) => {
  const signature = event.headers['stripe-signature'];
  if (!signature) {
    throw new DomainError(400, 'missing_signature', 'The Stripe-Signature header is missing.');
  }
  let stripeEvent: Stripe.Event;
  try {
    stripeEvent = await verifyStripeEvent(rawBody(event), signature);
  } catch {
    throw new DomainError(
      400,
      'invalid_signature',
      'The Stripe signature does not match this body.',
    );
  }
  logger.appendKeys({ stripeEventId: stripeEvent.id, stripeEventType: stripeEvent.type });
  if (await isWebhookProcessed('stripe', stripeEvent.id)) {
    return jsonResponse(200, { received: true, duplicate: true });
  }

  switch (stripeEvent.type) {
    case 'payment_intent.succeeded':
      await onPaymentSucceeded(stripeEvent.data.object);
      break;
    case 'payment_intent.payment_failed':
      await onPaymentFailed(stripeEvent.data.object);
      break;
    case 'payment_intent.canceled':
      await withBooking(stripeEvent.data.object.metadata.bookingId, (booking) =>
        appendAuditEvent(booking.bookingId, {
          type: 'payment_canceled',
          detail: { paymentIntentId: stripeEvent.data.object.id },
        }),
      );
      break;
    case 'charge.refunded':
      await onRefunded(stripeEvent.data.object);
      break;
    default:
      logger.info('stripe event ignored');
  }
  await recordWebhookProcessed('stripe', stripeEvent.id, stripeEvent.type);
  return jsonResponse(200, { received: true });
});

async function withBooking(
  bookingId: string | undefined,
  work: (booking: Booking) => Promise<unknown>,
): Promise<void> {
  const booking = bookingId ? await findBooking(bookingId) : undefined;
  if (!booking) {
    // Not ours (another integration on the account) or a test event: acknowledge and move on.
    logger.warn('stripe event for no known booking');
    return;
  }
  await work(booking);
}

/** Re-reads and retries a change that lost a race with another request. */
async function withFreshBooking(
  bookingId: string,
  change: (booking: Booking) => Promise<void>,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const booking = await findBooking(bookingId);
    if (!booking) return;
    try {
      await change(booking);
      return;
    } catch (error) {
      if (!(error instanceof StaleBookingError) || attempt >= 3) throw error;
    }
  }
}

async function onPaymentSucceeded(intent: Stripe.PaymentIntent): Promise<void> {
  const bookingId = intent.metadata.bookingId;
  const now = new Date();
  await withBooking(bookingId, async () => {
    await withFreshBooking(bookingId ?? '', async (booking) => {
      if (booking.paymentStatus !== 'pending') return;
      if (booking.callStatus === 'cancelled') {
        // Paid after the parent cancelled: give the money straight back.
        await refundPayment(booking.bookingId, intent.id);
        await changeBooking(
          booking,
          { paymentStatus: 'refunded', refundedAt: now.toISOString() },
          {
            type: 'payment_refunded',
            detail: { paymentIntentId: intent.id, reason: 'booking_cancelled' },
          },
        );
        return;
      }
      const changes: BookingChanges = {
        paymentStatus: 'paid',
        callStatus: booking.callNow ? 'queued' : 'scheduled',
        paidAt: now.toISOString(),
      };
      const paid = {
        type: 'payment_succeeded',
        detail: { paymentIntentId: intent.id, amountCents: String(intent.amount) },
      };
      try {
        await changeBooking(
          booking,
          changes,
          paid,
          confirmPlaceTransaction(booking.slotStart, booking.bookingId),
        );
      } catch (error) {
        if (!(error instanceof ConflictingWriteError)) throw error;
        // The unpaid hold expired and was given away; a paid call still gets its place.
        await changeBooking(
          booking,
          changes,
          { ...paid, detail: { ...paid.detail, place: 'retaken' } },
          ...forcePlaceTransactions(booking.slotStart, booking.bookingId),
        );
      }
    });
    const booking = await findBooking(bookingId ?? '');
    if (booking?.paymentStatus !== 'paid' || booking.callStatus === 'cancelled') return;
    const secrets = await appSecrets();
    await armCall(booking, now);
    await sendConfirmationOnce(
      booking,
      { publicSiteUrl: config.publicSiteUrl, accessTokenSecret: secrets.accessTokenSecret },
      now,
    );
    await announcePaidBooking(booking);
  });
}

async function onPaymentFailed(intent: Stripe.PaymentIntent): Promise<void> {
  await withBooking(intent.metadata.bookingId, async (booking) => {
    if (booking.paymentStatus !== 'pending') return;
    await appendAuditEvent(booking.bookingId, {
      type: 'payment_failed',
      detail: {
        paymentIntentId: intent.id,
        ...(intent.last_payment_error?.code ? { code: intent.last_payment_error.code } : {}),
      },
    });
  });
}

async function onRefunded(charge: Stripe.Charge): Promise<void> {
  const paymentIntentId =
    typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) return;
  const bookingId = charge.metadata.bookingId ?? (await bookingIdOfPaymentIntent(paymentIntentId));
  await withBooking(bookingId, async () => {
    await withFreshBooking(bookingId ?? '', async (booking) => {
      if (booking.paymentStatus === 'refunded') return;
      // A refund made outside the site (Stripe dashboard) also calls the call off.
      const callOff = isChangeable(booking.callStatus);
      if (callOff) await deleteBookingSchedule(booking.bookingId);
      await changeBooking(
        booking,
        {
          paymentStatus: 'refunded',
          refundedAt: new Date().toISOString(),
          ...(callOff ? { callStatus: 'cancelled', cancelledAt: new Date().toISOString() } : {}),
        },
        {
          type: 'payment_refunded',
          detail: { paymentIntentId, amountRefunded: String(charge.amount_refunded) },
        },
      );
      if (callOff) await givePlaceBack(booking.slotStart, booking.bookingId);
    });
  });
}
