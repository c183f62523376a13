import { deleteCallRecords } from '../adapters/call-records.ts';
import { deleteVoiceNote } from '../adapters/voice-notes.ts';
import { isFinalCallStatus } from '../core/booking-status.ts';
import { ConflictError } from '../core/errors.ts';
import { listAuditEvents } from '../data/audit-trail.ts';
import { eraseChildData, findBooking } from '../data/bookings.ts';
import { bookingView } from '../services/booking-view.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { authorizedBooking } from './authorize.ts';

/**
 * POST /api/calls/{callId}/erase: the parent asks us to delete their child's data — the voice
 * note, the transcript and the recording in S3, and the child's details on the booking. Only
 * once no call is coming or happening; asking again answers the same.
 */
export const handler = httpHandler(async (event) => {
  const booking = await authorizedBooking(event);
  if (!isFinalCallStatus(booking.callStatus)) {
    throw new ConflictError(
      'call_not_over',
      'Santa still has this call to make. Cancel it first, or wait until it is over.',
    );
  }
  if (!booking.dataErasedAt) {
    await Promise.all([
      booking.voiceNoteKey ? deleteVoiceNote(booking.voiceNoteKey) : undefined,
      deleteCallRecords(booking.bookingId),
    ]);
    await eraseChildData(booking);
    logger.info('child data erased', { bookingId: booking.bookingId });
  }
  const erased = (await findBooking(booking.bookingId)) ?? booking;
  return jsonResponse(200, bookingView(erased, await listAuditEvents(booking.bookingId)));
});
