import * as z from 'zod';

/**
 * Our reading of an ElevenLabs conversation: `GET /v1/convai/conversations/{id}` and the
 * `data` of a `post_call_transcription` webhook (ElevenLabs documents them as the same object).
 * It names only what CallSanta uses; every other key — ElevenLabs adds and drops them without
 * notice (`metadata.phone_call.stream_sid`, `has_user_audio`, most of `analysis`, …) — may be missing
 * or new. `z.object` strips unknown keys, so nothing unread reaches our types.
 */

/**
 * A conversation id as a webhook names it (`conv_…`, a few dozen characters). Bounded: it
 * becomes part of table keys (DynamoDB refuses keys over 2 KB), so a signed but odd id is a
 * 400, never a 500.
 */
export const elevenLabsConversationIdSchema = z.string().min(1).max(256);

/** What a transcript turn tells us, whatever else it carries. */
export const elevenLabsTurnSchema = z.object({
  /** `agent` or `user` today; a new role is kept here and left out of what we store. */
  role: z.string(),
  /** Null or absent on turns that only call a tool (e.g. `end_call`, `voicemail_detection`). */
  message: z.string().nullish(),
  /** The tools the agent called on this turn; only their names are read. */
  tool_calls: z.array(z.object({ tool_name: z.string().nullish() })).nullish(),
});

/** A turn of a conversation we store: it must say when in the call it was spoken. */
export const elevenLabsConversationTurnSchema = elevenLabsTurnSchema.extend({
  /** Seconds from the start of the call (captions line up with the recording by it). */
  time_in_call_secs: z.number().nonnegative(),
});

const phoneCallSchema = z.object({
  /**
   * `answered | voicemail | busy | no_answer | failed` (underscore; SDK type `CallResult`),
   * absent when ElevenLabs could not tell — without answering-machine detection a voicemail
   * can come back with none. Kept as a string so a new value is read, not refused.
   */
  call_result: z.string().nullish(),
});

/** The parts of `metadata` and `analysis` that say how the call went. */
const callFactsSchema = z.object({
  metadata: z
    .object({
      /** Seconds; 0 for a call that never connected. */
      call_duration_secs: z.number().nonnegative().nullish(),
      /** Free text, e.g. "Call ended by remote party" or "voicemail detected". */
      termination_reason: z.string().nullish(),
      phone_call: phoneCallSchema.nullish(),
    })
    .nullish(),
  analysis: z.object({ transcript_summary: z.string().nullish() }).nullish(),
});

/**
 * What a conversation or a transcription webhook says about how the call ended, in the core's
 * terms (`CallFacts` of `core/call-report.ts`): one reading for both, so they cannot disagree.
 * Empty strings count as absent.
 */
export function outcomeFactsOf(
  reading: z.infer<typeof callFactsSchema> & {
    readonly transcript?: readonly z.infer<typeof elevenLabsTurnSchema>[] | null | undefined;
  },
) {
  const transcript = reading.transcript ?? [];
  return {
    callResult: reading.metadata?.phone_call?.call_result || undefined,
    terminationReason: reading.metadata?.termination_reason || undefined,
    transcriptSummary: reading.analysis?.transcript_summary || undefined,
    toolNames: transcript.flatMap((turn) =>
      (turn.tool_calls ?? []).flatMap((call) => (call.tool_name ? [call.tool_name] : [])),
    ),
  };
}

/**
 * A map by id whose entries are read one by one: an entry `entry` cannot read is left out
 * (ElevenLabs adds keys to these maps as to any object), and a map that is not one reads as
 * absent.
 */
const tolerantRecord = <Entry extends z.ZodType>(entry: Entry) =>
  z
    .record(z.string(), z.unknown())
    .transform((entries) =>
      Object.fromEntries(
        Object.entries(entries).flatMap(([id, value]) => {
          const read = entry.safeParse(value);
          return read.success ? [[id, read.data as z.output<Entry>] as const] : [];
        }),
      ),
    )
    .nullish()
    .catch(undefined);

/**
 * The post-call analysis' results (SDK `ConversationHistoryAnalysisCommonModel`: wire
 * `evaluation_criteria_results` and `data_collection_results`, maps by id), read into
 * `callAnalysis` by `functions/core/call-analysis-reading.ts`. Only the ids, `result`,
 * `rationale` and `value` are read. A part that is not what we expect reads as absent: a strange
 * analysis must never stop the call's transcript and audio from being saved.
 */
const analysisResultsSchema = z.object({
  transcript_summary: z.string().nullish().catch(undefined),
  evaluation_criteria_results: tolerantRecord(
    z.object({
      criteria_id: z.string(),
      /** `success | failure | unknown`; a new value is read as `unknown` by the core. */
      result: z.string(),
      rationale: z.string().nullish().catch(undefined),
    }),
  ),
  /** `value`: what the LLM extracted (a string for our items; null when it found nothing). */
  data_collection_results: tolerantRecord(
    z.object({ data_collection_id: z.string(), value: z.unknown() }),
  ),
});
export type ElevenLabsAnalysisResults = z.infer<typeof analysisResultsSchema>;

/** `GET /v1/convai/conversations/{conversation_id}`. */
export const elevenLabsConversationSchema = callFactsSchema.extend({
  analysis: analysisResultsSchema.nullish().catch(undefined),
  /** `initiated | in-progress | processing | done | failed`; a new value is read as a string. */
  status: z.string().min(1),
  /** `conversation_initiation_client_data.user_id` as sent with the call: our dial marker. */
  user_id: z.string().nullish(),
  transcript: z.array(elevenLabsConversationTurnSchema),
});
export type ElevenLabsConversation = z.infer<typeof elevenLabsConversationSchema>;

/** The `data` of a `post_call_transcription` webhook: what decides the call's outcome. */
export const elevenLabsTranscriptionDataSchema = callFactsSchema.extend({
  conversation_id: elevenLabsConversationIdSchema,
  transcript: z.array(elevenLabsTurnSchema).nullish(),
});
export type ElevenLabsTranscriptionData = z.infer<typeof elevenLabsTranscriptionDataSchema>;

/**
 * `GET /v1/convai/conversations` (SDK: `GetConversationsPageResponseModel`): one page of the
 * agent's conversations, newest first.
 */
export const elevenLabsConversationPageSchema = z.object({
  conversations: z.array(
    z.object({
      conversation_id: z.string().min(1),
      /** Not in ElevenLabs' documented summary today; read when present, to skip a look-up. */
      user_id: z.string().nullish(),
    }),
  ),
  has_more: z.boolean().nullish(),
  next_cursor: z.string().nullish(),
});
export type ElevenLabsConversationPage = z.infer<typeof elevenLabsConversationPageSchema>;
