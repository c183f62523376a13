import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { readVoiceNote } from '../adapters/voice-notes.ts';
import type { BookingRecord } from '../core/booking.ts';
import { languageOf } from '../core/languages.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { workflowTask } from './task.ts';

/** Santa's prompt keeps the parent's words short; a longer note is cut here. */
const maxTranscriptCharacters = 5000;

/**
 * Turns the parent's voice note into text for Santa (ElevenLabs speech-to-text), before the
 * wait for the call time so the call starts at its second. Once: a retried or repeated step
 * finds the transcript already on the booking; the transcript and its audit event are written
 * together.
 */
export const handler = workflowTask('TranscribeVoiceNote', async ({ bookingId, version }) => {
  const booking = await getBooking(bookingId);
  if (!booking.voiceNoteKey || booking.voiceNoteTranscript !== undefined) return {};
  const { audio, contentType } = await readVoiceNote(booking.voiceNoteKey);
  // In the booking's language (English for an old booking): the parent speaks the family's.
  // (Read through BookingRecord: the stored entity gains `language` with the new booking shape.)
  const { language } = booking as Pick<BookingRecord, 'language'>;
  const { text } = await (await elevenLabs()).transcribeSpeech(
    audio,
    contentType,
    languageOf(language).speechToText,
  );
  await changeBookingFromWorkflow(
    booking,
    version,
    { voiceNoteTranscript: text.slice(0, maxTranscriptCharacters) },
    { type: 'voice_note_transcribed', detail: { characters: String(text.length) } },
  );
  return {};
});
