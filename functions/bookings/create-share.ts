import { ConflictError } from '../core/errors.ts';
import {
  hashShareToken,
  newShareId,
  newShareToken,
  notShareableMessages,
  shareability,
  shareExpiresAtEpoch,
} from '../core/share-links.ts';
import { createShare } from '../data/share-links.ts';
import type { CreatedShare } from '../schemas/api/share-links.ts';
import { siteLinks } from '../services/links.ts';
import { shareLinkView } from '../services/share-view.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/shares with the booking's access token: a new share link for the
 * call's recording. Answers 201 `{ shareId, url, createdAt, expiresAt }`; the URL (with its
 * token) is shown this once — only the token's SHA-256 is stored. 409 when there is nothing to
 * share (call not completed, recording not bought, erased, past retention); 404 for a wrong token.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const now = new Date();
  const refused = shareability(booking, now);
  if (refused) throw new ConflictError(refused, notShareableMessages[refused]);
  const token = newShareToken();
  const share = {
    tokenHash: hashShareToken(token),
    shareId: newShareId(),
    bookingId: booking.bookingId,
    createdAt: now.toISOString(),
    expiresAt: shareExpiresAtEpoch(booking),
  };
  await createShare(share);
  logger.info('share link created', { bookingId: booking.bookingId, shareId: share.shareId });
  const { publicSiteUrl } = await siteLinks();
  const answer: CreatedShare = { ...shareLinkView(share), url: `${publicSiteUrl}/shared/${token}` };
  return jsonResponse(201, answer);
});
