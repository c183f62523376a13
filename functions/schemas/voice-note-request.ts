import * as z from 'zod';

/** A voice note is at most 10 MB; S3 itself refuses anything larger (the upload form's policy). */
export const voiceNoteMaxBytes = 10 * 1024 * 1024;

/** The audio types browsers record (MediaRecorder) or parents upload, and their file endings. */
export const voiceNoteAudioTypes = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
} as const;
export type VoiceNoteAudioType = keyof typeof voiceNoteAudioTypes;

/** The body of `POST /api/voice-notes`: what the browser is about to upload. */
export const voiceNoteUploadRequestSchema = z.strictObject({
  contentType: z
    .string({ error: 'Say what kind of audio the voice note is (contentType), e.g. audio/webm.' })
    .transform((value) => value.split(';')[0]?.trim().toLowerCase() ?? '')
    .pipe(
      z.enum(Object.keys(voiceNoteAudioTypes) as [VoiceNoteAudioType], {
        error: `Upload audio only: ${Object.keys(voiceNoteAudioTypes).join(', ')}.`,
      }),
    )
    .meta({
      description: `The recording's MIME type (parameters such as codecs are ignored): ${Object.keys(voiceNoteAudioTypes).join(', ')}.`,
    }),
  sizeBytes: z
    .number({ error: 'Give the size of the recording in bytes.' })
    .int()
    .min(1, { error: 'The recording is empty.' })
    .max(voiceNoteMaxBytes, { error: 'A voice note can be at most 10 MB.' }),
});
export type VoiceNoteUploadRequest = z.infer<typeof voiceNoteUploadRequestSchema>;
