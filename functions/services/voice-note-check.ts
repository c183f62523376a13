import { voiceNoteExists } from '../adapters/voice-notes.ts';
import { ValidationError } from '../core/errors.ts';

/**
 * A booking may name a voice note only once it is really uploaded.
 * @throws ValidationError on `voiceNoteKey` when it is not there
 */
export async function assertVoiceNoteUploaded(key: string): Promise<void> {
  if (await voiceNoteExists(key)) return;
  throw new ValidationError('The voice note was not uploaded.', {
    voiceNoteKey: 'Upload the voice note first, or leave it out.',
  });
}
