import { listAuditEvents } from '../data/audit-trail.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';
import { bookingView } from './booking-view.ts';

/** GET /api/calls/{callId} with the booking's access token. */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  return jsonResponse(200, bookingView(booking, await listAuditEvents(booking.bookingId)));
});
