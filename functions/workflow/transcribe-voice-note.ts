import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { envNames } from '../resources.ts';
import { elevenLabs } from './elevenlabs.ts';
import { workflowTask } from './task.ts';

const s3 = createS3Client();

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
  const object = await s3.send(
    new GetObjectCommand({
      Bucket: requireEnv(envNames.buckets.voiceNotes),
      Key: booking.voiceNoteKey,
    }),
  );
  const audio = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
  const { text } = await (await elevenLabs()).transcribeSpeech(
    audio,
    object.ContentType ?? 'audio/webm',
  );
  await changeBookingFromWorkflow(
    booking,
    version,
    { voiceNoteTranscript: text.slice(0, maxTranscriptCharacters) },
    { type: 'voice_note_transcribed', detail: { characters: String(text.length) } },
  );
  return {};
});
