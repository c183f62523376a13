import { deleteVoiceNote } from '../adapters/voice-notes.ts';
import { mayDeleteVoiceNote } from '../core/voice-note-claim.ts';
import { releaseVoiceNoteClaim, removeEmptyVoiceNoteClaim } from '../data/voice-note-claims.ts';

/**
 * A booking no longer needs its voice note (erased, or its call is over): it lets go of its
 * claim, and the note's object is deleted only when no other booking still claims it — the
 * same key and proof may serve a re-booking (the page books again after a declined payment).
 * A note without a claim item (a booking made before claims) is deleted, as before.
 *
 * Idempotent under retries: releasing an id already released changes nothing and answers what
 * is left; S3 answers the same for a key already gone; the claim item is removed only while
 * its set is empty. A retry after the item went finds no claim and deletes again, harmlessly.
 *
 * @returns true when the object was deleted (or was already gone)
 */
export async function releaseVoiceNote(voiceNoteKey: string, bookingId: string): Promise<boolean> {
  const remaining = await releaseVoiceNoteClaim(voiceNoteKey, bookingId);
  if (!mayDeleteVoiceNote(remaining)) return false;
  await deleteVoiceNote(voiceNoteKey);
  // After the object: a crash between the two leaves the empty claim, and a retry deletes again.
  await removeEmptyVoiceNoteClaim(voiceNoteKey);
  return true;
}
