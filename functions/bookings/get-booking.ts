import { listAuditEvents } from '../data/audit-trail.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';
import { bookingView } from './booking-view.ts';
import { callMedia } from './call-media.ts';

/** GET /api/calls/{callId} with the booking's access token. */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const [events, media] = await Promise.all([
    listAuditEvents(booking.bookingId),
    callMedia(booking),
  ]);
  return jsonResponse(200, bookingView(booking, events, media));
});
