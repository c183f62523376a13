import { listAuditEvents } from '../data/audit-trail.ts';
import { rescheduleRequestSchema } from '../schemas/booking-request.ts';
import { bookingView } from '../services/booking-view.ts';
import { rescheduleCall } from '../services/reschedule-call.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * PATCH /api/calls/{callId}: a new time by the same rules (`rescheduleCall`). The new place is
 * taken and the old one given back with the booking change, all or nothing; a paid booking's
 * schedule moves too.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const request = parseJsonBody(event, rescheduleRequestSchema);
  const moved = await rescheduleCall(booking, request, 'parent');
  return jsonResponse(200, bookingView(moved, await listAuditEvents(moved.bookingId)));
});
