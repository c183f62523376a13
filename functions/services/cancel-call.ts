import { setTimeout as sleep } from 'node:timers/promises';
import { $remove } from 'dynamodb-toolbox';
import { deleteBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { cancelPaymentIntent, refundPayment, retrievePaymentIntent } from '../adapters/payments.ts';
import { refundedInFull } from '../core/booking.ts';
import { isChangeable } from '../core/booking-status.ts';
import type { NoRefundReason } from '../core/cancellation.ts';
import { cancelledEmailOutbox } from '../core/change-emails.ts';
import { ConflictError } from '../core/errors.ts';
import { voiceNoteKeysOf } from '../core/voice-note-claim.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { type Booking, changeBooking, findBooking, StaleBookingError } from '../data/bookings.ts';
import { givePlaceBack } from '../data/slots.ts';
import { releaseVoiceNoteClaim } from '../data/voice-note-claims.ts';
import { confirmationInFlight } from '../email/send-once.ts';
import { logger } from '../shared/logger.ts';
import { applyPaymentSucceeded } from './after-payment.ts';
import { sendOwedChangeEmail } from './change-emails.ts';

/** How many times a cancel re-reads a booking another request changed meanwhile. */
const staleRetries = 5;
const inFlightPollMs = 50;

/** Who cancels: recorded as `by` on the `booking_cancelled` audit event. */
export type CancelledBy = 'parent' | 'support';

/**
 * Cancels a booking: marks it cancelled (once), gives its place back, deletes its schedule and,
 * when `refund` is true, gives the money back (`refundIfPaid`), and lets go of its claim on its
 * voice note (keeping the object), and tells a parent who paid ("Your call is cancelled", with
 * the refund, `emailCallCancelled`). The rules of the parent's cancel
 * (POST /api/calls/{callId}/cancel) and of support's (`npm run support -- cancel`) alike.
 *
 * Idempotent: a cancelled booking stays cancelled (no second event), a schedule already gone is
 * fine, and a refunded booking is not refunded twice (Stripe's idempotency key is the booking's).
 * Racing a payment, whichever lands second sees the other: a payment confirmed meanwhile is
 * refunded here; one that lands after this is refunded by the webhook and confirms nothing. A
 * confirmation email already on its way is waited for (briefly), so the parent never reads
 * "Santa will call" after "cancelled".
 *
 * @returns the booking as it now stands
 * @throws ConflictError `not_cancellable` once the call has started or is over
 */
export async function cancelCall(
  booking: Booking,
  options: {
    readonly by: CancelledBy;
    readonly refund: (cancelled: Booking) => boolean;
    /** Why a paid call is not refunded, for the "cancelled" email (e.g. the refund cut-off). */
    readonly noRefundReason?: NoRefundReason;
  },
  now = new Date(),
): Promise<Booking> {
  const cancelled = await markCancelled(booking, options.by);
  // A confirmation claimed in the instant between our last look and our write may still be
  // on its way: the parent hears "cancelled" only once it has gone.
  await confirmationSettled(booking.bookingId);
  // After the write, not only before it: a payment racing us may have armed the call meanwhile.
  if (!cancelled.callNow) await deleteBookingSchedule(booking.bookingId);
  if (options.refund(cancelled)) await refundIfPaid(booking.bookingId, now);
  // The booking no longer needs its note, but the object stays: the page re-books with the
  // same upload right after a declined payment (erase or the lifecycle deletes it later).
  // Idempotent: taking an id out of the set again changes nothing. Every child's note.
  for (const key of voiceNoteKeysOf(cancelled)) {
    await releaseVoiceNoteClaim(key, booking.bookingId);
  }
  const final = (await findBooking(booking.bookingId)) ?? cancelled;
  // Last, once the refund is known: the email the cancel recorded as owed, sent once per
  // booking, only to a parent who paid; never throws (a failure is recorded, the cancel
  // stands, the reconciler sends it later). A retried cancel sends here what a first try that
  // died left owed.
  await sendOwedChangeEmail(final, now, options);
  return (await findBooking(booking.bookingId)) ?? final;
}

/** Marks the call cancelled (once), re-reading when another request changed it first. */
async function markCancelled(authorized: Booking, by: CancelledBy): Promise<Booking> {
  let booking = authorized;
  for (let attempt = 0; ; ) {
    if (booking.callStatus === 'cancelled') return booking;
    if (!isChangeable(booking.callStatus)) {
      throw new ConflictError('not_cancellable', 'Santa is already on this call, or it is over.');
    }
    if (await confirmationOnItsWay(booking)) {
      await sleep(inFlightPollMs);
    } else {
      const at = new Date();
      try {
        await changeBooking(
          booking,
          // The "cancelled" email is owed from this write on (an outbox item): whoever comes
          // after a crash — the retried cancel, a late payment, the reconciler — sends it.
          {
            callStatus: 'cancelled',
            cancelledAt: at.toISOString(),
            ...cancelledEmailOutbox(at),
            movedEmailOwedFrom: $remove(),
          },
          { type: 'booking_cancelled', detail: { by } },
        );
        await givePlaceBack(booking.slotStart, booking.bookingId);
        logger.info('booking cancelled', { bookingId: booking.bookingId, by });
        return { ...booking, callStatus: 'cancelled', cancelledAt: at.toISOString() };
      } catch (error) {
        if (!(error instanceof StaleBookingError) || ++attempt > staleRetries) throw error;
      }
    }
    booking = (await findBooking(booking.bookingId)) ?? booking;
  }
}

async function confirmationSettled(bookingId: string): Promise<void> {
  for (;;) {
    const booking = await findBooking(bookingId);
    if (!booking || !(await confirmationOnItsWay(booking))) return;
    await sleep(inFlightPollMs);
  }
}

async function confirmationOnItsWay(booking: Booking): Promise<boolean> {
  if (!booking.confirmationEmailSentAt) return false;
  const events = await listAuditEvents(booking.bookingId);
  const sent = events
    .filter((event) => event.type === 'email_sent')
    .map((event) => event.detail?.template ?? '');
  return confirmationInFlight(booking, sent, new Date());
}

/**
 * Gives the money back for a cancelled booking: a paid one is refunded; an unpaid one has its
 * PaymentIntent cancelled, and if Stripe refuses because it already succeeded (the payment
 * won the race but its webhook has not come yet), that payment is applied now — which, for a
 * cancelled booking, refunds it.
 */
async function refundIfPaid(bookingId: string, now: Date): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const booking = await findBooking(bookingId);
    if (!booking?.paymentIntentId) return;
    if (booking.paymentStatus === 'pending') {
      if (await cancelPaymentIntent(booking.paymentIntentId)) return;
      const intent = await retrievePaymentIntent(booking.paymentIntentId);
      if (intent?.status === 'succeeded') await applyPaymentSucceeded(bookingId, intent, now);
      return;
    }
    if (booking.paymentStatus !== 'paid') return;
    const refundId = await refundPayment(bookingId, booking.paymentIntentId);
    const refund = refundedInFull(booking, { refundId, reason: 'booking_cancelled' }, now);
    try {
      await changeBooking(booking, refund.changes, refund.event);
      return;
    } catch (error) {
      if (!(error instanceof StaleBookingError) || attempt >= staleRetries) throw error;
    }
  }
}
