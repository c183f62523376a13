import { z } from 'zod';
import type { CallOutcome } from '../workflow/run-input.ts';

/**
 * The ElevenLabs post-call webhooks we act on, at the top level `{ type, event_timestamp, data }`.
 * Only what decides the call's outcome is read; the transcript itself is fetched later by the
 * workflow, so it never passes through here.
 */
const transcription = z.object({
  type: z.literal('post_call_transcription'),
  event_timestamp: z.number(),
  data: z.looseObject({
    conversation_id: z.string().min(1),
    status: z.string().optional(),
    transcript: z.array(z.unknown()).default([]),
    metadata: z
      .looseObject({
        phone_call: z.looseObject({ call_result: z.string().optional() }).optional(),
        termination_reason: z.string().optional(),
      })
      .optional(),
    analysis: z.looseObject({ call_successful: z.string().optional() }).optional(),
  }),
});

const initiationFailure = z.object({
  type: z.literal('call_initiation_failure'),
  event_timestamp: z.number(),
  data: z.looseObject({
    conversation_id: z.string().min(1),
    failure_reason: z.string(),
  }),
});

const audio = z.object({
  type: z.literal('post_call_audio'),
  event_timestamp: z.number(),
  data: z.looseObject({ conversation_id: z.string().min(1) }),
});

export const elevenLabsWebhook = z.discriminatedUnion('type', [
  transcription,
  initiationFailure,
  audio,
]);
export type ElevenLabsWebhook = z.infer<typeof elevenLabsWebhook>;

/** The call's outcome as a webhook tells it, or undefined for events that tell none (audio). */
export function outcomeOfWebhook(event: ElevenLabsWebhook): CallOutcome | undefined {
  switch (event.type) {
    case 'call_initiation_failure':
      // Hyphen in the webhook ("no-answer"), underscore everywhere else.
      return event.data.failure_reason === 'busy'
        ? 'busy'
        : event.data.failure_reason === 'no-answer'
          ? 'no_answer'
          : 'failed';
    case 'post_call_transcription': {
      const result = event.data.metadata?.phone_call?.call_result;
      if (result === 'voicemail') return 'voicemail';
      if (result === 'busy') return 'busy';
      if (result === 'no_answer' || result === 'no-answer') return 'no_answer';
      if (result === 'failed') return 'failed';
      return event.data.transcript.length > 0 ? 'completed' : 'no_answer';
    }
    case 'post_call_audio':
      return undefined;
  }
}
