import type { AudioCache, RenderedCall } from './audio.ts';
import {
  busySignalSecs,
  type CallPlan,
  defaultRingingTimeoutSecs,
  type PlannedCall,
  planCall,
} from './call-plan.ts';
import type { CallSimulator } from './call-simulator.ts';
import {
  type AgentOverride,
  type CallQuirks,
  isLive,
  type StoredConversation,
} from './conversation.ts';
import {
  ElevenLabsApiError,
  notFound,
  serviceUnavailable,
  tooManyConcurrentCalls,
} from './errors.ts';
import type { FaultRegistry } from './faults.ts';
import { conversationIdPattern, newIds } from './ids.ts';
import type { ListConversationsQuery, OutboundCallRequest } from './requests.ts';
import type { ScriptLine } from './script.ts';
import { isScriptLanguage } from './script-messages.ts';
import type { ElevenLabsState } from './store.ts';
import { isTestNumber, isUnavailableFor, outcomeFor } from './test-numbers.ts';

export interface OutboundCallsOptions {
  readonly state: ElevenLabsState;
  readonly simulator: CallSimulator;
  readonly audio: AudioCache;
  readonly render: (lines: readonly ScriptLine[]) => Promise<RenderedCall>;
  /** Renders a planned call's script from a cache of made recordings (call-plan calls). */
  readonly renderReused: (lines: readonly ScriptLine[]) => Promise<RenderedCall>;
  /** The plan's concurrent-call limit; none when undefined. */
  readonly maxConcurrentCalls?: number;
  /** Faults of the `call` operation shape the next calls placed. */
  readonly faults: FaultRegistry;
}

export interface ConversationPage {
  readonly conversations: StoredConversation[];
  readonly nextCursor?: string;
}

/** Places calls, and answers what is known about them: the conversation and its recording. */
export class OutboundCalls {
  private callPlan: CallPlan | undefined;
  private readonly refusals: string[] = [];

  constructor(private readonly options: OutboundCallsOptions) {}

  /** The call plan for ordinary numbers from now on; undefined goes back to the default. */
  usePlan(plan: CallPlan | undefined): void {
    this.callPlan = plan;
  }

  plan(): CallPlan | undefined {
    return this.callPlan;
  }

  /** ISO 8601 instants (real clock, ms) of calls refused with 429 for concurrency, oldest first. */
  refusedAt(): readonly string[] {
    return this.refusals;
  }

  /** A new conversation, already ringing; the caller saves the state. */
  place(request: OutboundCallRequest): StoredConversation {
    const { state, simulator, maxConcurrentCalls } = this.options;
    if (maxConcurrentCalls !== undefined) {
      const live = [...state.conversations.values()].filter(isLive).length;
      if (live >= maxConcurrentCalls) {
        this.refusals.push(new Date().toISOString());
        throw tooManyConcurrentCalls(maxConcurrentCalls);
      }
    }
    const earlierCalls = state.callsPerNumber.get(request.to_number) ?? 0;
    state.callsPerNumber.set(request.to_number, earlierCalls + 1);
    if (isUnavailableFor(request.to_number, earlierCalls)) throw serviceUnavailable();
    const ringingTimeout = request.telephony_call_config?.ringing_timeout_secs;
    const machineDetection = request.telephony_call_config?.twilio_machine_detection;
    const userId = request.conversation_initiation_client_data?.user_id;
    const agentOverride = this.allowedOverride(request);
    const quirks = this.quirksFor(request.to_number);
    const now = new Date();
    const planned =
      this.callPlan && !isTestNumber(request.to_number)
        ? planCall(this.callPlan, request.to_number, earlierCalls)
        : undefined;
    const conversation: StoredConversation = {
      conversation_id: newIds.conversation(),
      agent_id: request.agent_id,
      phone_number_id: request.agent_phone_number_id,
      to_number: request.to_number,
      call_sid: newIds.callSid(),
      stream_sid: newIds.streamSid(),
      outcome: planned?.outcome ?? outcomeFor(request.to_number, earlierCalls),
      dynamic_variables: request.conversation_initiation_client_data?.dynamic_variables ?? {},
      ...(agentOverride ? { agent_override: agentOverride } : {}),
      start_time_unix_secs: Math.floor(now.getTime() / 1000),
      placed_at: now.toISOString(),
      ...(userId ? { user_id: userId } : {}),
      ...(ringingTimeout ? { ringing_timeout_secs: ringingTimeout } : {}),
      ...(machineDetection
        ? { machine_detection: { mode: machineDetection.mode ?? 'enable' } }
        : {}),
      ...(quirks ? { quirks } : {}),
      ...(planned ? { plan: plannedTimes(planned, ringingTimeout ?? undefined) } : {}),
      status: 'initiated',
      call_duration_secs: 0,
      transcript: [],
      has_audio: false,
    };
    state.conversations.set(conversation.conversation_id, conversation);
    simulator.play(conversation);
    return conversation;
  }

  /** Every call placed, oldest first. */
  placed(): StoredConversation[] {
    return [...this.options.state.conversations.values()].sort(
      (a, b) => a.start_time_unix_secs - b.start_time_unix_secs,
    );
  }

  /**
   * One page of conversations, as `GET /v1/convai/conversations` pages them: filtered, sorted
   * by start time (newest first unless asked otherwise), the cursor an opaque offset.
   */
  list(query: ListConversationsQuery): ConversationPage {
    const matching = this.placed().filter(
      (c) =>
        (query.agent_id === undefined || c.agent_id === query.agent_id) &&
        (query.user_id === undefined || c.user_id === query.user_id) &&
        (query.call_start_after_unix === undefined ||
          c.start_time_unix_secs >= query.call_start_after_unix) &&
        (query.call_start_before_unix === undefined ||
          c.start_time_unix_secs <= query.call_start_before_unix),
    );
    if (query.sort_direction === 'desc') matching.reverse();
    const offset = query.cursor ? decodeCursor(query.cursor) : 0;
    const conversations = matching.slice(offset, offset + query.page_size);
    const next = offset + conversations.length;
    return {
      conversations,
      ...(next < matching.length ? { nextCursor: encodeCursor(next) } : {}),
    };
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

  /**
   * Deletes a conversation and its recording, as `DELETE /v1/convai/conversations/{id}` does:
   * afterwards reading either answers 404, and deleting again answers 404 too. The caller
   * saves the state. A call still playing is left to finish unseen (its steps find nothing).
   */
  async remove(conversationId: string): Promise<void> {
    this.conversation(conversationId);
    this.options.state.conversations.delete(conversationId);
    await this.options.audio.remove(conversationId);
  }

  /** The call's MP3, from the cache — or recorded again from the transcript if it went. */
  async recording(conversationId: string): Promise<Buffer> {
    const conversation = this.conversation(conversationId);
    if (!conversation.has_audio) {
      throw notFound('conversation_audio_not_found', 'This conversation has no audio (yet).');
    }
    const { audio } = this.options;
    const render = conversation.plan ? this.options.renderReused : this.options.render;
    const cached = await audio.load(conversationId);
    if (cached) return cached;
    const language = conversation.agent_override?.language;
    const spoken = conversation.transcript.flatMap(({ role, message }): ScriptLine[] =>
      message === null
        ? []
        : [{ role, message, ...(isScriptLanguage(language) ? { language } : {}) }],
    );
    const { mp3 } = await render(spoken);
    if (!conversation.plan) await audio.save(conversationId, mp3);
    return mp3;
  }

  /**
   * The call's override of the agent, when the agent allows each field it sets
   * (`platform_settings.overrides.conversation_config_override.agent.<field>: true`).
   * ElevenLabs refuses a conversation that overrides a field its agent does not allow; the
   * emulator refuses the call (400, nothing placed). An agent the emulator does not store
   * (tests dial made-up agent ids) is taken to allow it.
   */
  private allowedOverride(request: OutboundCallRequest): AgentOverride | undefined {
    const sent = request.conversation_initiation_client_data?.conversation_config_override?.agent;
    if (!sent) return undefined;
    const override: AgentOverride = {
      ...(sent.language ? { language: sent.language } : {}),
      ...(sent.first_message ? { first_message: sent.first_message } : {}),
      ...(sent.max_conversation_duration_message
        ? { max_conversation_duration_message: sent.max_conversation_duration_message }
        : {}),
    };
    const agent = this.options.state.agents.get(request.agent_id);
    const allowed = (agent?.platform_settings as AllowedOverrides | undefined)?.overrides
      ?.conversation_config_override?.agent;
    for (const field of Object.keys(override) as (keyof AgentOverride)[]) {
      if (agent && allowed?.[field] !== true) {
        throw new ElevenLabsApiError(400, {
          status: 'override_not_allowed',
          message: `Override for field '${field}' is not allowed by config.`,
        });
      }
    }
    return Object.keys(override).length > 0 ? override : undefined;
  }

  private quirksFor(toNumber: string): CallQuirks | undefined {
    const { faults } = this.options;
    const quirks: { noCallResult?: boolean; toolCallTurns?: boolean } = {};
    // Several call faults may shape one call: take one of each kind.
    if (faults.take('call', { toNumber }, (f) => f.kind === 'no-call-result')) {
      quirks.noCallResult = true;
    }
    if (faults.take('call', { toNumber }, (f) => f.kind === 'tool-call-turns')) {
      quirks.toolCallTurns = true;
    }
    return Object.keys(quirks).length > 0 ? quirks : undefined;
  }
}

/** The part of an agent's `platform_settings` that allows a call's overrides. */
interface AllowedOverrides {
  readonly overrides?: {
    readonly conversation_config_override?: {
      readonly agent?: Partial<Record<keyof AgentOverride, boolean>>;
    };
  };
}

/** Ring and talk seconds of a planned call: busy reports at once, no answer rings out. */
function plannedTimes(
  planned: PlannedCall,
  ringingTimeoutSecs: number | undefined,
): { ringSecs: number; talkSecs: number } {
  switch (planned.outcome) {
    case 'answered':
      return { ringSecs: planned.ringSecs, talkSecs: planned.talkSecs };
    case 'busy':
      return { ringSecs: busySignalSecs, talkSecs: 0 };
    case 'no-answer':
      return { ringSecs: ringingTimeoutSecs ?? defaultRingingTimeoutSecs, talkSecs: 0 };
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      offset?: unknown;
    };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ElevenLabsApiError(422, [
    { type: 'value_error', loc: ['query', 'cursor'], msg: 'Invalid cursor.' },
  ]);
}
