import * as z from 'zod';

/**
 * The answer of `POST /api/voice-notes` (201): a presigned S3 POST. The browser posts `fields`
 * plus the file to `uploadUrl`; `key` and `proof` then go
 * into the booking request (`voiceNoteKey`, `voiceNoteProof`).
 */
export const voiceNoteUploadSchema = z.object({
  /** The object key, `voice-notes/<ulid>.<ending>`. */
  key: z.string(),
  /** Proves the key was issued to this page: the booking request sends it as `voiceNoteProof`. */
  proof: z.string(),
  uploadUrl: z.string(),
  /** Form fields S3 checks (policy, signature, Content-Type, …), posted before the file. */
  fields: z.record(z.string(), z.string()),
  /** When the presigned POST stops working, ISO 8601. */
  expiresAt: z.string(),
  /** The largest file S3 accepts, in bytes. */
  maxBytes: z.number().int(),
});
export type VoiceNoteUpload = z.infer<typeof voiceNoteUploadSchema>;
