import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';

const dynamicVariables = z.record(
  z.string().refine((name) => !name.startsWith('system__'), {
    error: 'Dynamic variable names starting with system__ are reserved.',
  }),
  z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'Dynamic variable values must be strings, numbers, booleans or null.',
  }),
);

/** `POST /v1/convai/twilio/outbound-call`. */
export const outboundCallRequest = z.object({
  agent_id: z.string().min(1),
  agent_phone_number_id: z.string().min(1),
  to_number: z.string().refine((value) => value.startsWith('+') && isValidPhoneNumber(value), {
    error: 'to_number must be a valid phone number in E.164 format.',
  }),
  conversation_initiation_client_data: z
    .looseObject({
      user_id: z.string().max(256).nullish(),
      dynamic_variables: dynamicVariables.nullish(),
      /** SDK `ConversationConfigClientOverrideInput`: only the agent part is read. */
      conversation_config_override: z
        .looseObject({
          agent: z
            .looseObject({
              language: z.string().min(2).max(10).nullish(),
              first_message: z.string().max(5000).nullish(),
              max_conversation_duration_message: z.string().max(5000).nullish(),
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
  call_recording_enabled: z.boolean().nullish(),
  telephony_call_config: z
    .looseObject({
      ringing_timeout_secs: z.number().int().min(1).max(600).nullish(),
      twilio_call_recording_enabled: z.boolean().nullish(),
      /** SDK `TwilioMachineDetectionConfig`: `mode` is `enable` or `detect_message_end`. */
      twilio_machine_detection: z
        .object({ mode: z.enum(['enable', 'detect_message_end']).nullish() })
        .nullish(),
    })
    .nullish(),
});

/** `GET /v1/convai/conversations`: the filters the emulator applies (others are ignored, as FastAPI ignores unknown ones). */
export const listConversationsQuery = z.object({
  cursor: z.string().optional(),
  agent_id: z.string().optional(),
  user_id: z.string().optional(),
  call_start_after_unix: z.coerce.number().int().optional(),
  call_start_before_unix: z.coerce.number().int().optional(),
  page_size: z.coerce.number().int().min(1).max(100).default(30),
  sort_direction: z.enum(['asc', 'desc']).default('desc'),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;
export type OutboundCallRequest = z.infer<typeof outboundCallRequest>;

const configObject = z.record(z.string(), z.unknown());

/** `POST /v1/convai/agents/create`: the conversation config is the one thing required. */
export const createAgentRequest = z.object({
  conversation_config: configObject,
  platform_settings: configObject.nullish(),
  name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
});
export type CreateAgentRequest = z.infer<typeof createAgentRequest>;

/** `PATCH /v1/convai/agents/{agent_id}`: any part of the agent. */
export const updateAgentRequest = createAgentRequest.partial();
export type UpdateAgentRequest = z.infer<typeof updateAgentRequest>;

/** The form fields of `POST /v1/speech-to-text` the emulator looks at. */
export const speechToTextForm = z.object({
  model_id: z.string().regex(/^scribe_v\d/, { error: 'model_id must name a Scribe model.' }),
  /** ISO 639-1 or 639-3 (`es`, `spa`); ElevenLabs detects the language when absent. */
  language_code: z
    .string()
    .regex(/^[a-z]{2,3}$/, { error: 'language_code must be an ISO 639-1 or 639-3 code.' })
    .optional(),
});

/**
 * `POST /v1/text-to-speech/{voice_id}`: only `text` matters to the emulator (it speaks with its
 * own Santa voice whatever the voice id); the model, voice settings and the rest are accepted
 * as ElevenLabs accepts them. ElevenLabs caps a request at 5 000 characters on most models.
 */
export const textToSpeechRequest = z
  .object({
    text: z.string().trim().min(1, { error: 'text must not be empty.' }).max(5000),
    model_id: z.string().optional(),
  })
  .loose();
