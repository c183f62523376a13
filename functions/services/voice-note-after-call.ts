import { type Booking, forgetVoiceNote } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { releaseVoiceNote } from './voice-note-release.ts';

/**
 * Deletes the booking's voice notes (one per child at most) once its call is over for good (completed, or given up):
 * Santa used its transcript, kept on the booking; the audio has no use left. Keeping it
 * longer would only keep a parent's voice (the S3 lifecycle deletes any note this misses:
 * `functions/core/retention.ts`). The object itself stays while another booking still claims
 * the same upload (`voice-note-release.ts`). Idempotent: releasing the claim again changes
 * nothing, S3 answers the same for a key already gone, and
 * the booking forgets the key (with its audit event) only while it still names it — so a
 * retried step deletes again harmlessly and records once.
 */
export async function deleteVoiceNoteAfterCall(
  booking: Pick<Booking, 'bookingId' | 'voiceNoteKey' | 'children'>,
  why: 'call_completed' | 'call_given_up',
): Promise<void> {
  // Each child's note (a booking made before siblings: the one flat key).
  const notes =
    booking.children && booking.children.length > 0
      ? booking.children.flatMap((child, index) =>
          child.voiceNoteKey ? [{ key: child.voiceNoteKey, index }] : [],
        )
      : booking.voiceNoteKey
        ? [{ key: booking.voiceNoteKey, index: undefined }]
        : [];
  for (const { key, index } of notes) {
    await releaseVoiceNote(key, booking.bookingId);
    const recorded = await forgetVoiceNote(
      booking.bookingId,
      key,
      {
        type: 'voice_note_deleted',
        detail: { after: why, ...(index === undefined ? {} : { child: String(index + 1) }) },
      },
      index,
    );
    if (recorded) {
      logger.info('voice note deleted after the call', { bookingId: booking.bookingId });
    }
  }
}
