import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ulid } from 'ulid';
import { z } from 'zod';
import { createS3Client } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { envNames } from '../resources.ts';
import type { VoiceNoteUpload } from '../schemas/api/voice-note-upload.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';

const s3 = createS3Client();
const maxBytes = 10 * 1024 * 1024;
const expiresSeconds = 600;

/** The audio types browsers record (MediaRecorder) or parents upload, and their file endings. */
const audioTypes = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
} as const;

const uploadRequest = z.strictObject({
  contentType: z
    .string()
    .transform((value) => value.split(';')[0]?.trim().toLowerCase() ?? '')
    .pipe(
      z.enum(Object.keys(audioTypes) as [keyof typeof audioTypes], {
        error: `Upload audio only: ${Object.keys(audioTypes).join(', ')}.`,
      }),
    ),
  sizeBytes: z
    .number({ error: 'Give the size of the recording in bytes.' })
    .int()
    .min(1, { error: 'The recording is empty.' })
    .max(maxBytes, { error: 'A voice note can be at most 10 MB.' }),
});

/**
 * POST /api/voice-notes: a presigned S3 POST the browser uploads the voice note with, straight
 * to the private bucket — never through Lambda. S3 itself enforces the type and size.
 */
export const handler = httpHandler(async (event) => {
  const { contentType } = parseJsonBody(event, uploadRequest);
  const key = `voice-notes/${ulid()}.${audioTypes[contentType]}`;
  const post = await createPresignedPost(s3, {
    Bucket: requireEnv(envNames.buckets.voiceNotes),
    Key: key,
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expiresSeconds,
  });
  return jsonResponse(201, {
    key,
    uploadUrl: post.url,
    fields: post.fields,
    expiresAt: new Date(Date.now() + expiresSeconds * 1000).toISOString(),
    maxBytes,
  } satisfies VoiceNoteUpload);
});
