import { isRefundableCancellation, lateCancelNote } from '../core/cancellation.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import type { CancelResult } from '../schemas/api/cancel-result.ts';
import { bookingView } from '../services/booking-view.ts';
import { cancelCall } from '../services/cancel-call.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/cancel. Cancels, gives the place back, deletes the schedule and, in
 * time, refunds (`cancelCall`). Cancelling twice answers the same; a call that has started
 * cannot be cancelled (409).
 */
export const handler = httpHandler(async (event) => {
  const authorized = await authorizedBooking(event);
  const now = new Date();
  const booking = await cancelCall(
    authorized,
    {
      by: 'parent',
      refund: (cancelled) => isRefundableCancellation(cancelled.scheduledAt, now),
      // The email says it in the parent's language; `refundNote` below is the API's English.
      noRefundReason: 'late_cancellation',
    },
    now,
  );
  return jsonResponse(200, {
    ...bookingView(booking, await listAuditEvents(booking.bookingId)),
    refunded: booking.paymentStatus === 'refunded',
    ...(booking.paymentStatus === 'paid'
      ? {
          refundNote: lateCancelNote,
        }
      : {}),
  } satisfies CancelResult);
});
