import type { ReportedOutcome } from './call-outcome.ts';

/**
 * The one mapping from what ElevenLabs reports about a call — a webhook or the conversation
 * API — to our `ReportedOutcome`. Pure: the webhook handler and the adapter turn the wire
 * payloads (read by the schemas in `functions/schemas/elevenlabs-*.ts`) into these shapes.
 *
 * Provider facts it relies on (REFERENCE.md, SDK 2.73.0 types):
 * - `call_initiation_failure.failure_reason` is `busy | no-answer | unknown` (hyphen);
 *   `metadata.phone_call.call_result` is `answered | voicemail | busy | no_answer | failed`
 *   (underscore). Both spellings are accepted everywhere.
 * - A voicemail is not an initiation failure: it arrives as a transcription, with
 *   `call_result: voicemail` when detected, and with no `call_result` at all when not.
 * - The agent's `voicemail_detection` tool shows as a tool call of that name in the transcript.
 */

/** One transcript turn: `message` is null on turns that only call a tool. */
export interface CallTurn {
  readonly role: string;
  readonly message?: string | null | undefined;
}

/** What a transcription webhook and a conversation both say about a call that connected. */
export interface CallFacts {
  /** Either spelling; absent when ElevenLabs could not tell. */
  readonly callResult?: string | undefined;
  readonly terminationReason?: string | undefined;
  /** `analysis.transcript_summary`. */
  readonly transcriptSummary?: string | undefined;
  readonly transcript: readonly CallTurn[];
  /** Names of the tools the agent called during the call. */
  readonly toolNames: readonly string[];
}

export type CallReport =
  | { readonly source: 'initiation_failure'; readonly failureReason: string }
  | ({ readonly source: 'transcription' } & CallFacts)
  /** `status`: `initiated | in-progress | processing | done | failed`, or a newer value. */
  | ({ readonly source: 'conversation'; readonly status: string } & CallFacts);

type Settled = Exclude<ReportedOutcome, 'in_progress' | 'unconfirmed'>;

/**
 * How the call went, as far as this report can tell:
 * - an initiation failure: `busy`, `no_answer`, anything else `failed`;
 * - a transcription: settled by its `call_result`; without one (or with one we do not know)
 *   `unconfirmed`, so the workflow asks the conversation API before deciding;
 * - a conversation: `in_progress` while `initiated`, `in-progress`, `processing` (or a status
 *   we do not know); `failed` → `busy`/`no_answer`/`voicemail` when its `call_result` says so,
 *   else `failed`; `done` → its `call_result`, and without one `completed` only when the
 *   callee actually spoke and nothing says voicemail, else `voicemail`.
 * A voicemail is never `completed`: any sign of one (the `voicemail_detection` tool, the
 * termination reason, the summary) turns an `answered` into `voicemail`.
 */
export function reportedOutcome(report: CallReport): ReportedOutcome {
  switch (report.source) {
    case 'initiation_failure': {
      const reason = normalise(report.failureReason);
      return reason === 'busy' ? 'busy' : reason === 'no_answer' ? 'no_answer' : 'failed';
    }
    case 'transcription':
      return settledByCallResult(report) ?? 'unconfirmed';
    case 'conversation':
      return conversationOutcome(report);
  }
}

/** A conversation, e.g. the adapter's `ConversationSummary`. */
export type ConversationFacts = CallFacts & { readonly status: string };

/** `reportedOutcome` of a conversation read from the conversation API. */
export function outcomeOfConversation(conversation: ConversationFacts): ReportedOutcome {
  return reportedOutcome({ source: 'conversation', ...conversation });
}

function conversationOutcome(conversation: ConversationFacts): ReportedOutcome {
  const status = normalise(conversation.status);
  if (status === 'failed') {
    const result = settledByCallResult(conversation);
    return result === 'busy' || result === 'no_answer' || result === 'voicemail'
      ? result
      : 'failed';
  }
  // `initiated`, `in-progress`, `processing` — and a status newer than this code, which
  // cannot be judged yet: ask again later.
  if (status !== 'done') return 'in_progress';
  const settled = settledByCallResult(conversation);
  if (settled) return settled;
  return calleeSpoke(conversation) && !signsOfVoicemail(conversation) ? 'completed' : 'voicemail';
}

/** The outcome a known `call_result` gives, or undefined when there is none we know. */
function settledByCallResult(facts: CallFacts): Settled | undefined {
  if (!facts.callResult) return undefined;
  switch (normalise(facts.callResult)) {
    case 'answered':
      return signsOfVoicemail(facts) ? 'voicemail' : 'completed';
    case 'voicemail':
      return 'voicemail';
    case 'busy':
      return 'busy';
    case 'no_answer':
      return 'no_answer';
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

/** `no-answer`, `No_Answer`, `in-progress` → `no_answer`, `no_answer`, `in_progress`. */
function normalise(value: string): string {
  return value.trim().toLowerCase().replaceAll('-', '_');
}

/** At least one turn where the callee said something. */
function calleeSpoke({ transcript }: CallFacts): boolean {
  return transcript.some(
    (turn) =>
      turn.role === 'user' && typeof turn.message === 'string' && turn.message.trim() !== '',
  );
}

const voicemailWords = /voice[\s_-]?mail|answering[\s_-]?machine|machine[\s_-]?detect/i;

/** Anything in the report that says a machine, not a person, took the call. */
function signsOfVoicemail(facts: CallFacts): boolean {
  return (
    facts.toolNames.some((name) => normalise(name) === 'voicemail_detection') ||
    voicemailWords.test(facts.terminationReason ?? '') ||
    voicemailWords.test(facts.transcriptSummary ?? '')
  );
}
