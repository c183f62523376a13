import * as z from 'zod';
import {
  elevenLabsConversationIdSchema,
  elevenLabsTranscriptionDataSchema,
} from './elevenlabs-conversation.ts';

/**
 * Our reading of ElevenLabs' post-call webhooks, `{ type, event_timestamp, data }`, parsed only
 * after the signature was verified on the raw body. Each known type names just what decides
 * the call's outcome; the transcript itself is fetched later by the workflow. Unknown types
 * (ElevenLabs adds some, e.g. `answering_machine_detection`) are acknowledged and ignored.
 */
export const elevenLabsWebhookEnvelopeSchema = z.object({ type: z.string().min(1) });

export const elevenLabsTranscriptionWebhookSchema = z.object({
  type: z.literal('post_call_transcription'),
  data: elevenLabsTranscriptionDataSchema,
});

export const elevenLabsInitiationFailureWebhookSchema = z.object({
  type: z.literal('call_initiation_failure'),
  data: z.object({
    conversation_id: elevenLabsConversationIdSchema,
    /** `busy`, `no-answer` (hyphen here) or `unknown`; a new value is read as a string. */
    failure_reason: z.string().min(1),
  }),
});

/** `post_call_audio`: the recording, base64; tells no outcome, so only its id is read. */
export const elevenLabsAudioWebhookSchema = z.object({
  type: z.literal('post_call_audio'),
  data: z.object({ conversation_id: elevenLabsConversationIdSchema }),
});

/** The webhook types we read, each with its schema. */
export const elevenLabsWebhookSchemas = {
  post_call_transcription: elevenLabsTranscriptionWebhookSchema,
  call_initiation_failure: elevenLabsInitiationFailureWebhookSchema,
  post_call_audio: elevenLabsAudioWebhookSchema,
} as const;
export type ElevenLabsWebhookType = keyof typeof elevenLabsWebhookSchemas;

export type ElevenLabsWebhook =
  | z.infer<typeof elevenLabsTranscriptionWebhookSchema>
  | z.infer<typeof elevenLabsInitiationFailureWebhookSchema>
  | z.infer<typeof elevenLabsAudioWebhookSchema>;

export function isKnownElevenLabsWebhookType(type: string): type is ElevenLabsWebhookType {
  return Object.hasOwn(elevenLabsWebhookSchemas, type);
}
