import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { bucketName, s3, signedGetUrl } from './s3-client.ts';

/** Where a call's records live in the private recordings bucket: one prefix per booking. */
const callRecordKeys = (bookingId: string) => ({
  transcript: `calls/${bookingId}/transcript.json`,
  audio: `calls/${bookingId}/audio.mp3`,
});

/** A saved call transcript, as the workflow writes it and the site and emails read it. */
const storedTranscriptSchema = z.object({
  conversationId: z.string(),
  /** Whole seconds the call lasted; 0 when ElevenLabs did not say. */
  durationSecs: z.number().nonnegative(),
  turns: z.array(
    z.object({
      role: z.enum(['santa', 'child']),
      message: z.string(),
      /** Seconds from the start of the call. */
      timeInCallSecs: z.number().nonnegative(),
    }),
  ),
});
export type StoredTranscript = z.infer<typeof storedTranscriptSchema>;

const bucket = () => bucketName('recordings');

/**
 * Writes the call's transcript (JSON) and audio (MP3) under the booking's keys. Idempotent:
 * a retry overwrites the same two objects with the same content.
 */
export async function saveCallRecords(
  bookingId: string,
  transcript: StoredTranscript,
  audio: Uint8Array,
): Promise<ReturnType<typeof callRecordKeys>> {
  const keys = callRecordKeys(bookingId);
  await Promise.all([
    s3.send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: keys.transcript,
        Body: JSON.stringify(storedTranscriptSchema.parse(transcript)),
        ContentType: 'application/json',
      }),
    ),
    s3.send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: keys.audio,
        Body: audio,
        ContentType: 'audio/mpeg',
      }),
    ),
  ]);
  return keys;
}

/**
 * Reads a saved transcript and checks its shape.
 * @throws ZodError when the object is not a transcript we wrote; S3 errors as thrown
 */
export async function readTranscript(key: string): Promise<StoredTranscript> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  const text = (await object.Body?.transformToString()) ?? '';
  return storedTranscriptSchema.parse(JSON.parse(text));
}

/** Reads a saved call's audio (MP3 bytes). @throws S3 errors as thrown (NoSuchKey when gone) */
export async function readCallAudio(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
}

/** A short-lived private link to a saved call audio object (see `signedGetUrl`). */
export function signedAudioUrl(
  key: string,
  expiresInSeconds: number,
  disposition?: string,
): Promise<string> {
  return signedGetUrl('recordings', key, expiresInSeconds, disposition);
}

/**
 * Deletes a booking's transcript and audio; objects already gone are fine. Throws when S3
 * could not delete one (DeleteObjects reports per-key failures in its answer, not as an
 * error), so an erase never believes a recording gone that is still there.
 */
export async function deleteCallRecords(bookingId: string): Promise<void> {
  const keys = callRecordKeys(bookingId);
  const { Errors = [] } = await s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket(),
      Delete: { Objects: [{ Key: keys.transcript }, { Key: keys.audio }] },
    }),
  );
  if (Errors.length > 0) {
    throw new Error(`S3 could not delete ${Errors.length} call record(s): ${Errors[0]?.Code}.`);
  }
}
