import { formatCallDate } from '../core/date-format.ts';
import { NotFoundError } from '../core/errors.ts';
import { firstName } from '../core/format.ts';
import { bookingLocale } from '../core/locale.ts';
import {
  hashShareToken,
  isShareLive,
  shareability,
  shareTokenPattern,
} from '../core/share-links.ts';
import { findBooking } from '../data/bookings.ts';
import { findShare } from '../data/share-links.ts';
import type { SharedRecording } from '../schemas/api/share-links.ts';
import { audioLinks, videoLinks } from '../services/media-links.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { pathParameter } from '../shared/request.ts';

/**
 * GET /api/shared/{token}: the public share page's data — no parent's token needed. The child's
 * first name, the call's date and fresh 15-minute links to the video (once rendered) else the
 * audio. Never the transcript, the parent's email or phone, or a lasting storage URL.
 *
 * 404 `{ error: { code: 'share_not_found', message } }`, the same for every case, for a token
 * that is malformed, unknown, revoked, expired (checked here: DynamoDB's TTL deletes late) or
 * whose recording is gone (erased, past retention); 400 `invalid_path_encoding` for a token
 * whose %-escapes cannot be decoded (`pathParameter`), which names no share either.
 */
export const handler = httpHandler(async (event) => {
  const token = pathParameter(event, 'token');
  const gone = new NotFoundError(
    'This share link does not work any more: it was stopped by the family, or the recording is no longer kept.',
  );
  if (!shareTokenPattern.test(token)) throw gone;
  const now = new Date();
  const share = await findShare(hashShareToken(token));
  if (!share || !isShareLive(share, now)) throw gone;
  const booking = await findBooking(share.bookingId);
  if (!booking || shareability(booking, now)) throw gone;
  const video = await videoLinks(booking, now);
  const media = video ?? (await audioLinks(booking, now));
  if (!media) throw gone;
  logger.info('shared recording opened', { bookingId: booking.bookingId, shareId: share.shareId });
  const answer: SharedRecording = {
    childFirstName: firstName(booking.childName),
    callAt: booking.scheduledAt,
    timezone: booking.timezone,
    callDateDisplay: formatCallDate(booking.scheduledAt, booking.timezone, bookingLocale(booking)),
    kind: video ? 'video' : 'audio',
    mediaUrl: media.url,
    downloadUrl: media.downloadUrl,
    linksExpireAt: media.expiresAt,
  };
  return jsonResponse(200, answer);
});
