import { listAuditEvents } from '../data/audit-trail.ts';
import { bookingView } from '../services/booking-view.ts';
import { callMedia } from '../services/call-media.ts';
import { videoProgressOf } from '../services/video-progress.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';

/** GET /api/calls/{callId} with the booking's access token. */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const [events, media, videoProgress] = await Promise.all([
    listAuditEvents(booking.bookingId),
    callMedia(booking),
    videoProgressOf(booking),
  ]);
  return jsonResponse(200, bookingView(booking, events, media, { videoProgress }));
});
