import { ulid } from 'ulid';
import * as z from 'zod';
import { voiceNoteMaxBytes, voiceNoteUploadForm } from '../adapters/voice-notes.ts';
import { appSecrets } from '../config/secrets.ts';
import { voiceNoteProofFor } from '../core/voice-note-proof.ts';
import type { VoiceNoteUpload } from '../schemas/api/voice-note-upload.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';

const maxBytes = voiceNoteMaxBytes;

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
    .string({ error: 'Say what kind of audio the voice note is (contentType), e.g. audio/webm.' })
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
 * to the private bucket — never through Lambda. S3 itself enforces the key, type and size.
 * The key is new for every draft (`voice-notes/<draft ulid>.<ending>`) and comes with its
 * proof (`functions/core/voice-note-proof.ts`): the booking names both, so a booking can only
 * name a voice note its own page uploaded.
 */
export const handler = httpHandler(async (event) => {
  const { contentType } = parseJsonBody(event, uploadRequest);
  const key = `voice-notes/${ulid()}.${audioTypes[contentType]}`;
  const [form, { accessTokenSecret }] = await Promise.all([
    voiceNoteUploadForm(key, contentType),
    appSecrets(),
  ]);
  return jsonResponse(201, {
    key,
    proof: voiceNoteProofFor(key, accessTokenSecret),
    uploadUrl: form.url,
    fields: { ...form.fields },
    expiresAt: form.expiresAt.toISOString(),
    maxBytes,
  } satisfies VoiceNoteUpload);
});
