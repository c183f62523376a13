import { listAuditEvents } from '../data/audit-trail.ts';
import { bookingView } from '../services/booking-view.ts';
import { eraseBooking } from '../services/erase-booking.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/erase: the parent asks us to delete their child's data — every
 * copy, here and at the providers (`functions/services/erase-booking.ts`), recorded in the
 * audit trail as asked by the parent. Only once no call is coming or happening (409); asking
 * again answers the same, and finishes an erase that a failure interrupted.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const erased = await eraseBooking(booking, 'parent');
  return jsonResponse(200, bookingView(erased, await listAuditEvents(booking.bookingId)));
});
