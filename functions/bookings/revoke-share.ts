import { NotFoundError } from '../core/errors.ts';
import { listShares, revokeShare } from '../data/share-links.ts';
import { httpHandler } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { pathParameter } from '../shared/request.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * DELETE /api/calls/{callId}/shares/{shareId} with the booking's access token: "Stop sharing".
 * The link stops working at once (its item is deleted). 204; 404 when the booking has no such
 * share (already revoked, expired or never made).
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  const shareId = pathParameter(event, 'shareId');
  const share = (await listShares(booking.bookingId)).find((each) => each.shareId === shareId);
  if (!share) throw new NotFoundError('This share link does not exist or was already stopped.');
  await revokeShare(share, 'parent');
  logger.info('share link revoked', { bookingId: booking.bookingId, shareId });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
});
