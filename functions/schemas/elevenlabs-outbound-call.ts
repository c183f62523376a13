import * as z from 'zod';

/**
 * `POST /v1/convai/twilio/outbound-call` — the body we send and our reading of the answer.
 * Field names as on the wire; checked against `@elevenlabs/elevenlabs-js` 2.73.0
 * (`BodyHandleAnOutboundCallViaTwilioV1ConvaiTwilioOutboundCallPost`,
 * `ConversationInitiationClientDataRequestInput`, `TelephonyCallConfigInput`,
 * `TwilioMachineDetectionConfig`, `TwilioOutboundCallResponse`).
 */
export interface ElevenLabsOutboundCallBody {
  readonly agent_id: string;
  readonly agent_phone_number_id: string;
  /** E.164. */
  readonly to_number: string;
  readonly conversation_initiation_client_data: {
    /**
     * "ID of the end user participating in this conversation"; echoed as the conversation's
     * `user_id` and filterable with `GET /v1/convai/conversations?user_id=`. We send the dial
     * marker (ids only), so a lost answer can be found again.
     */
    readonly user_id: string;
    readonly dynamic_variables: Readonly<Record<string, string | number | boolean | null>>;
    /**
     * The call's language and verbatim words (SDK `ConversationConfigClientOverrideInput.agent`,
     * `AgentConfigOverrideInput`, in the API's snake_case); each field must be allowed in the
     * agent's `platform_settings.overrides`.
     */
    readonly conversation_config_override?: {
      readonly agent: {
        readonly language: string;
        readonly first_message: string;
        readonly max_conversation_duration_message: string;
      };
    };
  };
  readonly telephony_call_config: {
    readonly ringing_timeout_secs?: number;
    /**
     * Twilio's carrier-level answering-machine detection; `enable` returns a verdict as soon as
     * Twilio can tell (`detect_message_end` waits for the greeting to end). Omitted = off.
     */
    readonly twilio_machine_detection: { readonly mode: 'enable' | 'detect_message_end' };
  };
}

/**
 * The answer. Only `success`, `conversation_id` and `callSid` (camelCase, unlike everything
 * else) are read; `message` is kept for the error text. Each may be missing: the adapter
 * decides what a missing one means.
 */
export const elevenLabsOutboundCallAnswerSchema = z.object({
  success: z.boolean(),
  message: z.string().nullish(),
  conversation_id: z.string().min(1).nullish(),
  callSid: z.string().min(1).nullish(),
});
export type ElevenLabsOutboundCallAnswer = z.infer<typeof elevenLabsOutboundCallAnswerSchema>;
