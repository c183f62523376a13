import { elevenLabs } from '../adapters/elevenlabs-account.ts';
import { readVoiceNote } from '../adapters/voice-notes.ts';
import { languageOf } from '../core/languages.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { workflowTask } from './task.ts';

/** Santa's prompt keeps the parent's words short; a longer note is cut here. */
const maxTranscriptCharacters = 5000;

/**
 * Turns the parent's voice notes into text for Santa (ElevenLabs speech-to-text), one per
 * child who has one, before the wait for the call time so the call starts at its second. Each
 * transcript is stored on its child (`children[i].voiceNoteTranscript`, and the first child's
 * also in the flat `voiceNoteTranscript` older readers use); a booking made before siblings
 * has only the flat fields. Once per child: a retried or repeated step finds that child's
 * transcript already on the booking and skips it; each transcript and its audit event are
 * written together, and only the child's transcript path is set (a correction of the child's
 * words meanwhile stays).
 */
export const handler = workflowTask('TranscribeVoiceNote', async ({ bookingId, version }) => {
  const booking = await getBooking(bookingId);
  const children = booking.children ?? [];
  const untranscribed =
    children.length > 0
      ? children.flatMap((child, index) =>
          child.voiceNoteKey && child.voiceNoteTranscript === undefined
            ? [{ voiceNoteKey: child.voiceNoteKey, index }]
            : [],
        )
      : booking.voiceNoteKey && booking.voiceNoteTranscript === undefined
        ? [{ voiceNoteKey: booking.voiceNoteKey, index: undefined }]
        : [];
  for (const note of untranscribed) {
    const { audio, contentType } = await readVoiceNote(note.voiceNoteKey);
    // In the booking's language (English for an old booking): the parent speaks the family's.
    const { text } = await (await elevenLabs()).transcribeSpeech(
      audio,
      contentType,
      languageOf(booking.language).speechToText,
    );
    const transcript = text.slice(0, maxTranscriptCharacters);
    await changeBookingFromWorkflow(
      booking,
      version,
      note.index === undefined
        ? { voiceNoteTranscript: transcript }
        : {
            children: { [note.index]: { voiceNoteTranscript: transcript } },
            ...(note.index === 0 ? { voiceNoteTranscript: transcript } : {}),
          },
      {
        type: 'voice_note_transcribed',
        detail: {
          characters: String(text.length),
          ...(note.index === undefined ? {} : { child: String(note.index + 1) }),
        },
      },
    );
  }
  return {};
});
