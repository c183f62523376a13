import * as z from 'zod';

/**
 * What Santa knows about the call, sent with each outbound call as
 * `conversation_initiation_client_data.dynamic_variables` and used in the agent's prompt as
 * `{{child_name}}` etc. ElevenLabs takes strings, numbers and booleans; names starting
 * `system__` are its own. The object is strict, so nothing but these seven keys leaves.
 */
export const santaCallVariablesSchema = z.strictObject({
  child_name: z.string().trim().min(1).max(50),
  child_age: z.number().int().min(0).max(17),
  /** `girl`, `boy`, `other`, or '' when the parent preferred not to say. */
  child_gender: z.string().max(40),
  /** What the parent typed about the child; '' when nothing. */
  child_info_text: z.string().max(2000),
  /** The parent's voice note, transcribed; '' when there was none. */
  child_info_voice_transcript: z.string().max(5000),
  /** Spoken as written, e.g. "50 US dollars". */
  gift_budget: z.union([z.string().min(1).max(60), z.number().nonnegative().finite()]),
  /** The child's local time of the call, e.g. "Tuesday 24 December, 5:30 PM". */
  call_local_time: z.string().min(1).max(80),
});

export type SantaCallVariables = z.infer<typeof santaCallVariablesSchema>;

export const santaCallVariableNames = Object.keys(
  santaCallVariablesSchema.shape,
) as (keyof SantaCallVariables)[];
