import { setTimeout as sleep } from 'node:timers/promises';
import { deleteBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { cancelPaymentIntent, refundPayment, retrievePaymentIntent } from '../adapters/payments.ts';
import { refundedInFull } from '../core/booking.ts';
import { isChangeable } from '../core/booking-status.ts';
import { isRefundableCancellation, refundCutoffMinutes } from '../core/cancellation.ts';
import { ConflictError } from '../core/errors.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { type Booking, changeBooking, findBooking, StaleBookingError } from '../data/bookings.ts';
import { givePlaceBack } from '../data/slots.ts';
import { confirmationInFlight } from '../email/send-once.ts';
import type { CancelResult } from '../schemas/api/cancel-result.ts';
import { applyPaymentSucceeded } from '../services/after-payment.ts';
import { bookingView } from '../services/booking-view.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';

/** How many times a cancel re-reads a booking another request changed meanwhile. */
const staleRetries = 5;
const inFlightPollMs = 50;

/**
 * POST /api/calls/{callId}/cancel. Cancels, gives the place back, deletes the schedule and, in
 * time, refunds. Cancelling twice answers the same; a call that has started cannot be
 * cancelled (409).
 *
 * Racing a payment, whichever lands second sees the other: a payment confirmed meanwhile
 * (booking paid, or the intent succeeded before its webhook came) is refunded here; a payment
 * that lands after this is refunded by the webhook and confirms nothing. A confirmation email
 * already on its way when the cancel comes is waited for (briefly), so the parent never reads
 * "Santa will call" after "cancelled".
 */
export const handler = httpHandler(async (event) => {
  const authorized = await authorizedBooking(event);
  const { bookingId } = authorized;
  const now = new Date();
  const cancelled = await cancelCall(authorized);
  // A confirmation claimed in the instant between our last look and our write may still be
  // on its way: the parent hears "cancelled" only once it has gone.
  await confirmationSettled(bookingId);
  // After the write, not only before it: a payment racing us may have armed the call meanwhile.
  if (!cancelled.callNow) await deleteBookingSchedule(bookingId);

  if (isRefundableCancellation(cancelled.scheduledAt, now)) await refundIfPaid(bookingId, now);

  const booking = (await findBooking(bookingId)) ?? cancelled;
  return jsonResponse(200, {
    ...bookingView(booking, await listAuditEvents(bookingId)),
    refunded: booking.paymentStatus === 'refunded',
    ...(booking.paymentStatus === 'paid'
      ? {
          refundNote: `Calls cancelled less than ${refundCutoffMinutes} minutes before they are due are not refunded.`,
        }
      : {}),
  } satisfies CancelResult);
});

/** Marks the call cancelled (once), re-reading when another request changed it first. */
async function cancelCall(authorized: Booking): Promise<Booking> {
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
          { callStatus: 'cancelled', cancelledAt: at.toISOString() },
          { type: 'booking_cancelled', detail: { by: 'parent' } },
        );
        await givePlaceBack(booking.slotStart, booking.bookingId);
        logger.info('booking cancelled', { bookingId: booking.bookingId });
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
