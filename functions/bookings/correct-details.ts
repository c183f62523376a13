import { listAuditEvents } from '../data/audit-trail.ts';
import { detailsRequestSchema } from '../schemas/details-request.ts';
import { bookingView } from '../services/booking-view.ts';
import { correctDetails } from '../services/correct-details.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * PATCH /api/calls/{callId}/details: the parent corrects the number Santa calls and the
 * child's details before the call (`correctDetails`): 409 `details_locked` past the cutoff,
 * after a cancellation or an erase; a repeat changes nothing.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const request = parseJsonBody(event, detailsRequestSchema);
  const corrected = await correctDetails(booking, request);
  return jsonResponse(200, bookingView(corrected, await listAuditEvents(corrected.bookingId)));
});
