import { GetObjectCommand } from '@aws-sdk/client-s3';
import { UpdateItemCommand } from 'dynamodb-toolbox';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { getBooking } from '../data/bookings.ts';
import { BookingEntity } from '../data/entities.ts';
import { envNames } from '../resources.ts';
import { elevenLabs } from './elevenlabs.ts';
import { runInput } from './run-input.ts';

const s3 = createS3Client();

/**
 * Turns the parent's voice note into text for Santa (ElevenLabs speech-to-text), once: a
 * retried step finds the transcript already there.
 */
export async function handler(event: unknown) {
  const { bookingId } = runInput.parse(event);
  const booking = await getBooking(bookingId);
  if (!booking.voiceNoteKey || booking.voiceNoteTranscript !== undefined) {
    return { transcribed: false };
  }
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
  await BookingEntity.build(UpdateItemCommand)
    .item({ bookingId, voiceNoteTranscript: text.slice(0, 5000) })
    .send();
  await appendAuditEvent(bookingId, {
    type: 'voice_note_transcribed',
    detail: { characters: String(text.length) },
  });
  return { transcribed: true };
}
