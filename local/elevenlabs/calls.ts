import type { AudioCache, RenderedCall } from './audio.ts';
import type { CallSimulator } from './call-simulator.ts';
import { isLive, type StoredConversation } from './conversation.ts';
import { notFound, serviceUnavailable, tooManyConcurrentCalls } from './errors.ts';
import { conversationIdPattern, newIds } from './ids.ts';
import type { OutboundCallRequest } from './requests.ts';
import type { ScriptLine } from './script.ts';
import type { ElevenLabsState } from './store.ts';
import { isUnavailableFor, outcomeFor } from './test-numbers.ts';

export interface OutboundCallsOptions {
  readonly state: ElevenLabsState;
  readonly simulator: CallSimulator;
  readonly audio: AudioCache;
  readonly render: (lines: readonly ScriptLine[]) => Promise<RenderedCall>;
  /** The plan's concurrent-call limit; none when undefined. */
  readonly maxConcurrentCalls?: number;
}

/** Places calls, and answers what is known about them: the conversation and its recording. */
export class OutboundCalls {
  constructor(private readonly options: OutboundCallsOptions) {}

  /** A new conversation, already ringing; the caller saves the state. */
  place(request: OutboundCallRequest): StoredConversation {
    const { state, simulator, maxConcurrentCalls } = this.options;
    if (maxConcurrentCalls !== undefined) {
      const live = [...state.conversations.values()].filter(isLive).length;
      if (live >= maxConcurrentCalls) throw tooManyConcurrentCalls(maxConcurrentCalls);
    }
    const earlierCalls = state.callsPerNumber.get(request.to_number) ?? 0;
    state.callsPerNumber.set(request.to_number, earlierCalls + 1);
    if (isUnavailableFor(request.to_number, earlierCalls)) throw serviceUnavailable();
    const ringingTimeout = request.telephony_call_config?.ringing_timeout_secs;
    const conversation: StoredConversation = {
      conversation_id: newIds.conversation(),
      agent_id: request.agent_id,
      phone_number_id: request.agent_phone_number_id,
      to_number: request.to_number,
      call_sid: newIds.callSid(),
      stream_sid: newIds.streamSid(),
      outcome: outcomeFor(request.to_number, earlierCalls),
      dynamic_variables: request.conversation_initiation_client_data?.dynamic_variables ?? {},
      start_time_unix_secs: Math.floor(Date.now() / 1000),
      ...(ringingTimeout ? { ringing_timeout_secs: ringingTimeout } : {}),
      status: 'initiated',
      call_duration_secs: 0,
      transcript: [],
      has_audio: false,
    };
    state.conversations.set(conversation.conversation_id, conversation);
    simulator.play(conversation);
    return conversation;
  }

  conversation(conversationId: string): StoredConversation {
    const conversation = conversationIdPattern.test(conversationId)
      ? this.options.state.conversations.get(conversationId)
      : undefined;
    if (!conversation) {
      throw notFound('conversation_not_found', `Conversation ${conversationId} was not found.`);
    }
    return conversation;
  }

  /** The call's MP3, from the cache — or recorded again from the transcript if it went. */
  async recording(conversationId: string): Promise<Buffer> {
    const conversation = this.conversation(conversationId);
    if (!conversation.has_audio) {
      throw notFound('conversation_audio_not_found', 'This conversation has no audio (yet).');
    }
    const { audio, render } = this.options;
    const cached = await audio.load(conversationId);
    if (cached) return cached;
    const { mp3 } = await render(conversation.transcript);
    await audio.save(conversationId, mp3);
    return mp3;
  }
}
