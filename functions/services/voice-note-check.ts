import { voiceNoteExists } from '../adapters/voice-notes.ts';
import { ValidationError } from '../core/errors.ts';
import { isValidVoiceNoteProof } from '../core/voice-note-proof.ts';

/**
 * A booking may name a voice note only with the proof its upload was issued with (so only the
 * draft that uploaded it can: `functions/core/voice-note-proof.ts`), and only once it is
 * really uploaded. The proof is checked first: a key that is not yours is refused without
 * saying whether it exists.
 * @throws ValidationError on `field` when the proof does not match or nothing is there
 */
export async function assertVoiceNoteUploaded(
  key: string,
  proof: string | undefined,
  accessTokenSecret: string,
  /** The request field the error names (`children.1.voiceNoteKey` for a second child). */
  field = 'voiceNoteKey',
): Promise<void> {
  if (!proof || !isValidVoiceNoteProof(key, proof, accessTokenSecret)) {
    throw new ValidationError('This voice note was not uploaded with this booking.', {
      [field]: 'The voice note belongs to another upload. Record or upload your voice note again.',
    });
  }
  if (await voiceNoteExists(key)) return;
  throw new ValidationError('The voice note was not uploaded.', {
    [field]: 'Upload the voice note first, or leave it out.',
  });
}
