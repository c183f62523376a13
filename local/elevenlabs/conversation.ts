import type { CallOutcome } from './test-numbers.ts';

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed';
export type CallResult = 'answered' | 'voicemail' | 'busy' | 'no_answer' | 'failed';
export type DynamicValue = string | number | boolean | null;

export interface TranscriptEntry {
  readonly role: 'agent' | 'user';
  readonly message: string;
  readonly time_in_call_secs: number;
}

export interface ConversationAnalysis {
  readonly call_successful: 'success' | 'failure' | 'unknown';
  readonly transcript_summary: string;
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
  readonly start_time_unix_secs: number;
  readonly ringing_timeout_secs?: number;
  status: ConversationStatus;
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
    user_id: null,
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
