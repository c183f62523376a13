import * as z from 'zod';

/**
 * `POST /v1/speech-to-text` (single channel, no webhook): `{ language_code, text, words[] }`.
 * Only the text is needed; the language is read when present.
 */
export const elevenLabsSpeechToTextSchema = z.object({
  text: z.string(),
  language_code: z.string().nullish(),
});
export type ElevenLabsSpeechToText = z.infer<typeof elevenLabsSpeechToTextSchema>;
