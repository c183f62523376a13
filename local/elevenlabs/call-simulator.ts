import { answeredCallAnalysis, withScriptedSlip } from './analysis.ts';
import type { AudioCache, RenderedCall } from './audio.ts';
import type { StoredConversation, ToolCall, TranscriptEntry } from './conversation.ts';
import {
  briefCallScript,
  type ScriptedCall,
  type ScriptLine,
  scriptedCall,
  voicemailScript,
} from './script.ts';
import type { ElevenLabsState } from './store.ts';
import type { WebhookDispatch } from './webhook-dispatch.ts';
import { audioEvent, initiationFailureEvent, transcriptionEvent } from './webhook-events.ts';

export interface CallSimulatorOptions {
  readonly state: ElevenLabsState;
  readonly save: () => Promise<void>;
  /** Sends a call's webhooks (saved as pending first), shaped by any webhook fault. */
  readonly webhooks: WebhookDispatch;
  readonly audio: AudioCache;
  readonly render: (lines: readonly ScriptLine[]) => Promise<RenderedCall>;
  /**
   * Renders planned calls (load benchmarks): the same script's audio is made once and reused,
   * and not kept per conversation (`GET …/audio` renders it again from the same cache).
   */
  readonly renderReused: (lines: readonly ScriptLine[]) => Promise<RenderedCall>;
  /** Divides every wait: at 10 a 4-second call takes 0.4 s. */
  readonly timeScale: number;
}

/**
 * However compressed time is, a step takes at least this long: a real line never reports back
 * within milliseconds, and the caller needs a moment to store the conversation id it was just
 * given before a webhook about that conversation arrives.
 */
const minimumStepMs = 250;

interface Step {
  /** Simulated seconds to wait before it. */
  readonly afterSecs: number;
  readonly run: (conversation: StoredConversation) => Promise<void>;
}

/**
 * Plays outbound calls on a clock: ringing, talking, then the outcome the test number asks
 * for, with the conversation's status moving as ElevenLabs reports it and the webhooks sent
 * at the end. Each step is saved, so a restart resumes a call from where it was.
 */
export class CallSimulator {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: CallSimulatorOptions) {}

  /** Schedules the next step of a conversation, if it has one. */
  play(conversation: StoredConversation): void {
    const step = this.nextStep(conversation);
    if (!step || this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        const run = step
          .run(conversation)
          .then(() => this.play(conversation))
          .catch((error: unknown) => this.breakDown(conversation, error))
          .finally(() => this.running.delete(run));
        this.running.add(run);
      },
      Math.max((step.afterSecs * 1000) / this.options.timeScale, minimumStepMs),
    );
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /**
   * The emulator itself failed (espeak-ng gone, disk full): the conversation shows `failed`
   * and no webhook is sent, which is what a caller's status check is there for.
   */
  private async breakDown(conversation: StoredConversation, error: unknown): Promise<void> {
    console.error(`[elevenlabs] call ${conversation.conversation_id} broke down:`, error);
    conversation.status = 'failed';
    conversation.ended_at ??= new Date().toISOString();
    conversation.call_result = 'failed';
    conversation.termination_reason = 'The local ElevenLabs emulator failed; see its log.';
    await this.options.save().catch(() => undefined);
  }

  private nextStep(conversation: StoredConversation): Step | undefined {
    const { outcome, status, plan } = conversation;
    if (plan) return this.plannedStep(conversation, plan);
    if (status === 'initiated') {
      if (outcome === 'busy') return { afterSecs: 1, run: (c) => this.fail(c, 'busy') };
      if (outcome === 'no-answer') return { afterSecs: 4, run: (c) => this.fail(c, 'no-answer') };
      return { afterSecs: 1.5, run: (c) => this.setStatus(c, 'in-progress') };
    }
    if (status === 'in-progress') {
      if (outcome === 'answered' || outcome === 'answered-briefly') {
        return { afterSecs: 4, run: (c) => this.finish(c) };
      }
      if (outcome === 'voicemail') return { afterSecs: 2, run: (c) => this.finish(c) };
      // 'never-reports': the line stays open and nothing is ever sent.
      return undefined;
    }
    // Stopped while the recording was being made: make it again.
    if (status === 'processing') return { afterSecs: 0, run: (c) => this.finish(c) };
    return undefined;
  }

  /** A call shaped by the call plan: rings for `ringSecs`, then talks for `talkSecs`. */
  private plannedStep(
    { outcome, status }: StoredConversation,
    plan: NonNullable<StoredConversation['plan']>,
  ): Step | undefined {
    if (status === 'initiated') {
      if (outcome === 'busy') return { afterSecs: plan.ringSecs, run: (c) => this.fail(c, 'busy') };
      if (outcome === 'no-answer') {
        return { afterSecs: plan.ringSecs, run: (c) => this.fail(c, 'no-answer') };
      }
      return { afterSecs: plan.ringSecs, run: (c) => this.setStatus(c, 'in-progress') };
    }
    if (status === 'in-progress') return { afterSecs: plan.talkSecs, run: (c) => this.finish(c) };
    if (status === 'processing') return { afterSecs: 0, run: (c) => this.finish(c) };
    return undefined;
  }

  private async setStatus(
    conversation: StoredConversation,
    status: StoredConversation['status'],
  ): Promise<void> {
    conversation.status = status;
    await this.options.save();
  }

  /** The line never connected: the conversation failed and only a failure webhook goes out. */
  private async fail(
    conversation: StoredConversation,
    reason: 'busy' | 'no-answer',
  ): Promise<void> {
    conversation.status = 'failed';
    conversation.ended_at ??= new Date().toISOString();
    conversation.call_result = reason === 'busy' ? 'busy' : 'no_answer';
    conversation.termination_reason =
      reason === 'busy' ? 'The line was busy.' : 'Nobody answered before the ringing timed out.';
    await this.options.save();
    await this.options.webhooks.dispatch(conversation, [
      initiationFailureEvent(conversation, reason),
    ]);
  }

  /** The call ended: record it, analyse it, and send the transcription (and audio) webhook. */
  private async finish(conversation: StoredConversation): Promise<void> {
    // The line is free from here on: the call is over, only its records are being made.
    conversation.ended_at ??= new Date().toISOString();
    await this.setStatus(conversation, 'processing');
    const voicemail = conversation.outcome === 'voicemail';
    const language = this.language(conversation);
    const answered = this.scriptedCall(conversation);
    const lines = voicemail
      ? voicemailScript(conversation.dynamic_variables, language)
      : conversation.outcome === 'answered-briefly'
        ? briefCallScript(conversation.dynamic_variables, language)
        : withScriptedSlip(answered.lines, conversation.to_number, answered.language);
    const recording = conversation.plan
      ? await this.options.renderReused(lines)
      : await this.options.render(lines);
    if (!conversation.plan)
      await this.options.audio.save(conversation.conversation_id, recording.mp3);

    const spoken: TranscriptEntry[] = lines.map((line, index) => ({
      role: line.role,
      message: line.message,
      time_in_call_secs: recording.startsAtSecs[index] ?? 0,
    }));
    conversation.transcript = conversation.quirks?.toolCallTurns
      ? withToolCallTurns(spoken, voicemail, recording.durationSecs)
      : spoken;
    conversation.call_duration_secs = Math.ceil(
      conversation.plan ? conversation.plan.talkSecs : recording.durationSecs,
    );
    // Without answering-machine detection ElevenLabs cannot tell a voicemail (measured: it
    // comes back with no call_result); a `no-call-result` fault takes it away from any call.
    const undetected = voicemail && !conversation.machine_detection;
    if (!conversation.quirks?.noCallResult && !undetected) {
      conversation.call_result = voicemail ? 'voicemail' : 'answered';
    }
    conversation.termination_reason = voicemail
      ? 'Voicemail detected; Santa left a message.'
      : 'The agent ended the call.';
    conversation.analysis = voicemail
      ? {
          call_successful: 'failure',
          transcript_summary:
            'Emulated call: the call reached voicemail and Santa left a short message.',
        }
      : answeredCallAnalysis(
          conversation.outcome === 'answered-briefly'
            ? {
                language: answered.language,
                children: answered.children.map((child) => ({ name: child.name, wishes: [] })),
              }
            : answered,
          conversation.to_number,
        );
    conversation.has_audio = true;
    conversation.status = 'done';
    await this.options.save();
    await this.options.webhooks.dispatch(
      conversation,
      [transcriptionEvent(conversation)],
      audioEvent(conversation, recording.mp3),
    );
  }

  /**
   * The answered call this conversation plays: its language, children, what each said and
   * wished for, and the lines (for the emulator's analysis as much as for the transcript).
   */
  scriptedCall(conversation: StoredConversation): ScriptedCall {
    return scriptedCall(conversation.dynamic_variables, {
      firstMessage: this.firstMessage(conversation),
      language: this.language(conversation),
    });
  }

  /** The call's language: its override, else the agent's, else English. */
  private language(conversation: StoredConversation): string {
    const config = this.agentConfig(conversation);
    return (
      conversation.agent_override?.language ??
      (typeof config?.language === 'string' ? config.language : 'en')
    );
  }

  /** The call's first message: its override, else the stored agent's, else the emulator's. */
  private firstMessage(conversation: StoredConversation): string | undefined {
    const config = this.agentConfig(conversation);
    return (
      conversation.agent_override?.first_message ??
      (typeof config?.first_message === 'string' ? config.first_message : undefined)
    );
  }

  /** The agent's `conversation_config.agent`, when the emulator stores the agent called. */
  private agentConfig(conversation: StoredConversation) {
    const agent = this.options.state.agents.get(conversation.agent_id);
    return agent?.conversation_config.agent as
      | { first_message?: unknown; language?: unknown }
      | undefined;
  }
}

function toolCall(toolName: string, index: number): ToolCall {
  return {
    type: 'system',
    request_id: `toolu_emulated_${index}`,
    tool_name: toolName,
    params_as_json: '{}',
    tool_has_been_called: true,
  };
}

/**
 * The transcript as ElevenLabs writes it when the agent calls tools: turns with
 * `message: null` and the call in `tool_calls` — `voicemail_detection` after the greeting of a
 * voicemail, `end_call` at the end of an answered call.
 */
function withToolCallTurns(
  spoken: readonly TranscriptEntry[],
  voicemail: boolean,
  durationSecs: number,
): TranscriptEntry[] {
  const at = (index: number) => spoken[index]?.time_in_call_secs ?? 0;
  if (voicemail) {
    const [greeting, ...rest] = spoken;
    return [
      ...(greeting ? [greeting] : []),
      {
        role: 'agent',
        message: null,
        time_in_call_secs: at(1),
        tool_calls: [toolCall('voicemail_detection', 0)],
      },
      ...rest,
    ];
  }
  return [
    ...spoken,
    {
      role: 'agent',
      message: null,
      time_in_call_secs: Math.floor(durationSecs),
      tool_calls: [toolCall('end_call', 0)],
    },
  ];
}
