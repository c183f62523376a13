import { ulid } from 'ulid';
import { voiceNoteMaxBytes, voiceNoteUploadForm } from '../adapters/voice-notes.ts';
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
 * to the private bucket — never through Lambda. S3 itself enforces the type and size.
 */
export const handler = httpHandler(async (event) => {
  const { contentType } = parseJsonBody(event, voiceNoteUploadRequestSchema);
  const key = `voice-notes/${ulid()}.${audioTypes[contentType]}`;
  const form = await voiceNoteUploadForm(key, contentType);
  return jsonResponse(201, {
    key,
    uploadUrl: form.url,
    fields: { ...form.fields },
    expiresAt: form.expiresAt.toISOString(),
    maxBytes,
  } satisfies VoiceNoteUpload);
});
