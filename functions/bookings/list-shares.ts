import { isShareLive } from '../core/share-links.ts';
import { listShares } from '../data/share-links.ts';
import type { ShareList } from '../schemas/api/share-links.ts';
import { shareLinkView } from '../services/share-view.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * GET /api/calls/{callId}/shares with the booking's access token: the call's live share links,
 * oldest first (expired ones left out, whether or not DynamoDB's TTL has removed them yet).
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const now = new Date();
  const shares = (await listShares(booking.bookingId)).filter((share) => isShareLive(share, now));
  const answer: ShareList = { shares: shares.map(shareLinkView) };
  return jsonResponse(200, answer);
});
