import { deleteBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { cancelPaymentIntent, refundPayment } from '../adapters/payments.ts';
import { isChangeable } from '../core/booking-status.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { changeBooking, findBooking } from '../data/bookings.ts';
import { givePlaceBack } from '../data/slots.ts';
import { ConflictError } from '../shared/errors.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';
import { bookingView } from './booking-view.ts';

/** A paid call cancelled at least this long before it is due is refunded in full. */
const refundCutoffMinutes = 10;

/**
 * POST /api/calls/{callId}/cancel. Deletes the schedule, gives the place back and, in time,
 * refunds. Cancelling twice answers the same; a call that has started cannot be cancelled.
 */
export const handler = httpHandler(async (event) => {
  let booking = await authorizedBooking(event);
  const now = new Date();
  if (booking.callStatus !== 'cancelled') {
    if (!isChangeable(booking.callStatus)) {
      throw new ConflictError('not_cancellable', 'Santa is already on this call, or it is over.');
    }
    await deleteBookingSchedule(booking.bookingId);
    await changeBooking(
      booking,
      { callStatus: 'cancelled', cancelledAt: now.toISOString() },
      { type: 'booking_cancelled', detail: { by: 'parent' } },
    );
    await givePlaceBack(booking.slotStart, booking.bookingId);
    logger.info('booking cancelled', { bookingId: booking.bookingId });
  }

  const refundDeadline = Date.parse(booking.scheduledAt) - refundCutoffMinutes * 60_000;
  const fresh = (await findBooking(booking.bookingId)) ?? booking;
  if (fresh.paymentStatus === 'paid' && fresh.paymentIntentId && now.getTime() <= refundDeadline) {
    const refundId = await refundPayment(fresh.bookingId, fresh.paymentIntentId);
    await changeBooking(
      fresh,
      { paymentStatus: 'refunded', refundedAt: now.toISOString() },
      { type: 'payment_refunded', detail: { refundId, reason: 'booking_cancelled' } },
    );
  } else if (fresh.paymentStatus === 'pending' && fresh.paymentIntentId) {
    // Unpaid: make sure it can no longer be paid (a late payment would be refunded anyway).
    await cancelPaymentIntent(fresh.paymentIntentId).catch(() => undefined);
  }
  booking = (await findBooking(booking.bookingId)) ?? fresh;
  const refunded = booking.paymentStatus === 'refunded';
  return jsonResponse(200, {
    ...bookingView(booking, await listAuditEvents(booking.bookingId)),
    refunded,
    ...(booking.paymentStatus === 'paid'
      ? {
          refundNote: `Calls cancelled less than ${refundCutoffMinutes} minutes before they are due are not refunded.`,
        }
      : {}),
  });
});
