import type { CallOutcome } from './test-numbers.ts';

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';
export type CallResult = 'answered' | 'voicemail' | 'busy' | 'no_answer' | 'failed';
export type DynamicValue = string | number | boolean | null;

export interface ToolCall {
  readonly type: 'system';
  readonly request_id: string;
  readonly tool_name: string;
  readonly params_as_json: string;
  readonly tool_has_been_called: boolean;
}

/** A turn; one that only calls a tool has `message: null`, as ElevenLabs sends it. */
export interface TranscriptEntry {
  readonly role: 'agent' | 'user';
  readonly message: string | null;
  readonly time_in_call_secs: number;
  readonly tool_calls?: readonly ToolCall[];
}

/** `telephony_call_config.twilio_machine_detection` as the call was placed with it. */
export interface MachineDetection {
  readonly mode: string;
}

/** Faults of the `call` operation that shaped this call (see faults.ts). */
export interface CallQuirks {
  readonly noCallResult?: boolean;
  readonly toolCallTurns?: boolean;
}

export interface ConversationAnalysis {
  readonly call_successful: 'success' | 'failure' | 'unknown';
  readonly transcript_summary: string;
  /** By criterion id (SDK `ConversationHistoryEvaluationCriteriaResultCommonModel`); see analysis.ts. */
  readonly evaluation_criteria_results?: Readonly<
    Record<
      string,
      { criteria_id: string; result: 'success' | 'failure' | 'unknown'; rationale: string }
    >
  >;
  /** By data collection id (SDK `DataCollectionResultCommonModel`); see analysis.ts. */
  readonly data_collection_results?: Readonly<
    Record<
      string,
      {
        data_collection_id: string;
        value: string | null;
        json_schema: { type: string; description: string };
        rationale: string;
      }
    >
  >;
}

/** `conversation_initiation_client_data.conversation_config_override.agent`, as sent. */
export interface AgentOverride {
  readonly language?: string;
  readonly first_message?: string;
  readonly max_conversation_duration_message?: string;
}

/** One outbound call as the emulator keeps it (snake_case, as ElevenLabs names things). */
export interface StoredConversation {
  readonly conversation_id: string;
  readonly agent_id: string;
  readonly phone_number_id: string;
  readonly to_number: string;
  readonly call_sid: string;
  readonly stream_sid: string;
  readonly outcome: CallOutcome;
  readonly dynamic_variables: Readonly<Record<string, DynamicValue>>;
  /** The call's override of the agent (language, first message, time-up message), if any. */
  readonly agent_override?: AgentOverride;
  readonly start_time_unix_secs: number;
  /** When the outbound-call request placed it, ISO 8601 (for `GET /_emulator/calls`). */
  readonly placed_at?: string;
  /** `conversation_initiation_client_data.user_id`: the caller's marker for the call. */
  readonly user_id?: string;
  readonly ringing_timeout_secs?: number;
  /** Answering-machine detection asked for with the call; absent when it was not. */
  readonly machine_detection?: MachineDetection;
  readonly quirks?: CallQuirks;
  /**
   * Set when a call plan shaped this call (simulated seconds; see call-plan.ts): ringing
   * before the outcome (busy, rang out, answered), then talk when answered.
   */
  readonly plan?: { readonly ringSecs: number; readonly talkSecs: number };
  status: ConversationStatus;
  /** ISO 8601 with ms, real clock: when the line was released (hung up, busy, rang out). */
  ended_at?: string;
  call_duration_secs: number;
  call_result?: CallResult;
  termination_reason?: string;
  transcript: TranscriptEntry[];
  analysis?: ConversationAnalysis;
  has_audio: boolean;
}

/** The number Santa calls from: the agent's phone number, as Twilio shows it. */
export const agentNumber = '+14155550199';

/** Conversations that hold one of the plan's concurrent-call places. */
export function isLive(conversation: StoredConversation): boolean {
  return conversation.status === 'initiated' || conversation.status === 'in-progress';
}

/**
 * `GET /v1/convai/conversations/{id}` — and the `data` of a transcription webhook, which
 * ElevenLabs documents as the same object. The dynamic variables come back with the
 * `system__` ones ElevenLabs adds, so a receiver must expect more keys than it sent.
 */
export function conversationView(conversation: StoredConversation) {
  const c = conversation;
  return {
    agent_id: c.agent_id,
    conversation_id: c.conversation_id,
    status: c.status,
    user_id: c.user_id ?? null,
    transcript: c.transcript,
    metadata: {
      start_time_unix_secs: c.start_time_unix_secs,
      call_duration_secs: c.call_duration_secs,
      termination_reason: c.termination_reason ?? '',
      phone_call: {
        type: 'twilio',
        direction: 'outbound',
        phone_number_id: c.phone_number_id,
        agent_number: agentNumber,
        external_number: c.to_number,
        call_sid: c.call_sid,
        stream_sid: c.stream_sid,
        ...(c.call_result ? { call_result: c.call_result } : {}),
      },
    },
    analysis: c.analysis ?? null,
    conversation_initiation_client_data: {
      ...(c.agent_override ? { conversation_config_override: { agent: c.agent_override } } : {}),
      dynamic_variables: {
        ...c.dynamic_variables,
        system__agent_id: c.agent_id,
        system__conversation_id: c.conversation_id,
        system__called_number: c.to_number,
        system__caller_id: agentNumber,
        system__call_sid: c.call_sid,
      },
    },
    has_audio: c.has_audio,
    has_user_audio: c.has_audio,
    has_response_audio: c.has_audio,
    has_auxiliary_audio: false,
  };
}

/**
 * One entry of `GET /v1/convai/conversations` (SDK `ConversationSummaryResponseModel`): the
 * documented summary, which carries no `user_id` — a caller filters with `?user_id=` and reads
 * the conversation to be sure.
 */
export function conversationSummaryView(conversation: StoredConversation) {
  const c = conversation;
  return {
    agent_id: c.agent_id,
    agent_name: 'Santa',
    conversation_id: c.conversation_id,
    start_time_unix_secs: c.start_time_unix_secs,
    call_duration_secs: c.call_duration_secs,
    message_count: c.transcript.length,
    status: c.status,
    call_successful: c.analysis?.call_successful ?? 'unknown',
    ...(c.analysis ? { transcript_summary: c.analysis.transcript_summary } : {}),
    ...(c.termination_reason ? { termination_reason: c.termination_reason } : {}),
    direction: 'outbound',
  };
}
