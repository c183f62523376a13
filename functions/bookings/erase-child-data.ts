import { deleteCallRecords } from '../adapters/call-records.ts';
import { deleteVideo } from '../adapters/video-files.ts';
import { deleteVoiceNote } from '../adapters/voice-notes.ts';
import { isFinalCallStatus } from '../core/booking-status.ts';
import { ConflictError } from '../core/errors.ts';
import { videoKeyFor } from '../core/video-render.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { type Booking, eraseChildData, findBooking } from '../data/bookings.ts';
import { revokeAllShares } from '../data/share-links.ts';
import { bookingView } from '../services/booking-view.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/erase: the parent asks us to delete their child's data — every share
 * link (revoked first), the voice note, the transcript, the recording and its video in S3, and
 * the child's details on the booking. Only
 * once no call is coming or happening; asking again answers the same.
 */
export const handler = httpHandler(async (event) => {
  const erased = await eraseBookingChildData(await authorizedBooking(event));
  return jsonResponse(200, bookingView(erased, await listAuditEvents(erased.bookingId)));
});

/**
 * The erase itself, for the parent's request above and for support's `erase` alike: shares
 * revoked, files deleted, the child's details forgotten. Repeating it finishes what a crash left.
 *
 * @returns the booking as it now stands
 * @throws ConflictError `call_not_over` while a call is coming or happening
 */
export async function eraseBookingChildData(booking: Booking): Promise<Booking> {
  if (!isFinalCallStatus(booking.callStatus)) {
    throw new ConflictError(
      'call_not_over',
      'Santa still has this call to make. Cancel it first, or wait until it is over.',
    );
  }
  // Shares first: from this moment no link opens the recording, even if what follows fails.
  // Every pass revokes what is left, so asking again after a crash finishes the job.
  const revoked = await revokeAllShares(booking.bookingId);
  if (revoked) logger.info('shares revoked for erase', { bookingId: booking.bookingId, revoked });
  if (!booking.dataErasedAt) {
    await Promise.all([
      booking.voiceNoteKey ? deleteVoiceNote(booking.voiceNoteKey) : undefined,
      deleteCallRecords(booking.bookingId),
      // The one key a render writes, whether or not the booking has recorded it yet (a render
      // may be under way); a render that lands after this is deleted by the finish step.
      deleteVideo(videoKeyFor(booking.bookingId)),
    ]);
    await eraseChildData(booking);
    logger.info('child data erased', { bookingId: booking.bookingId });
  }
  return (await findBooking(booking.bookingId)) ?? booking;
}
