import { ulid } from 'ulid';
import { voiceNoteMaxBytes, voiceNoteUploadForm } from '../adapters/voice-notes.ts';
import { readSecret } from '../config/secrets.ts';
import { voiceNoteProofFor } from '../core/voice-note-proof.ts';
import type { VoiceNoteUpload } from '../schemas/api/voice-note-upload.ts';
import {
  voiceNoteAudioTypes as audioTypes,
  voiceNoteUploadRequestSchema,
} from '../schemas/voice-note-request.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseJsonBody } from '../shared/request.ts';

const maxBytes = voiceNoteMaxBytes;

/**
 * POST /api/voice-notes: a presigned S3 POST the browser uploads the voice note with, straight
 * to the private bucket — never through Lambda. S3 itself enforces the key, type and size.
 * The key is new for every draft (`voice-notes/<draft ulid>.<ending>`) and comes with its
 * proof (`functions/core/voice-note-proof.ts`): the booking names both, so a booking can only
 * name a voice note its own page uploaded.
 */
export const handler = httpHandler(async (event) => {
  const { contentType } = parseJsonBody(event, voiceNoteUploadRequestSchema);
  const key = `voice-notes/${ulid()}.${audioTypes[contentType]}`;
  const [form, { signingKey }] = await Promise.all([
    voiceNoteUploadForm(key, contentType),
    readSecret('access-token'),
  ]);
  return jsonResponse(201, {
    key,
    proof: voiceNoteProofFor(key, signingKey),
    uploadUrl: form.url,
    fields: { ...form.fields },
    expiresAt: form.expiresAt.toISOString(),
    maxBytes,
  } satisfies VoiceNoteUpload);
});
