/**
 * What the call's post-call analysis told us, as stored on the booking (`callAnalysis`): read
 * from ElevenLabs' `analysis` (data collection results and evaluation criteria results, defined
 * by the agent as code in functions/agent/) with our own tolerant schema. The parent sees the
 * wish list and the summary; support sees a failed criterion.
 */

/** What one child said, by the agent's data collection. Empty lists/absent fields: not said. */
export interface ChildAnalysis {
  /** The child's name as booked (matched by their place in the booking, 1-based `child_N_…`). */
  readonly name: string;
  /** What the child wished for, each a short phrase in the call's language. */
  readonly wishes: string[];
  /** What the child is proud of this year, in a sentence; absent when not said. */
  readonly proudOf?: string | undefined;
  /** Anything that worried the child, in a sentence; absent when nothing did. */
  readonly worries?: string | undefined;
}

/** The outcome of one evaluation criterion, as ElevenLabs reports it. */
export type CriterionResult = 'success' | 'failure' | 'unknown';

export interface CriterionOutcome {
  /** The criterion's id in the agent definition, e.g. `stayed_in_character`. */
  readonly id: string;
  readonly result: CriterionResult;
  /** The evaluator's reason, for support only (may quote the call: never logged). */
  readonly rationale?: string | undefined;
}

export interface CallAnalysis {
  /** ElevenLabs' summary of the call (`transcript_summary`), in the call's language if given. */
  readonly summary?: string | undefined;
  // Mutable array types (nothing mutates them): the data layer's write types take those.
  readonly children: ChildAnalysis[];
  readonly criteria: CriterionOutcome[];
  /** When it was stored, ISO 8601 UTC. */
  readonly analysedAt: string;
}

/** The criteria that failed: a call with any is flagged for support. */
export function failedCriteria(
  analysis: Pick<CallAnalysis, 'criteria'>,
): readonly CriterionOutcome[] {
  return analysis.criteria.filter((criterion) => criterion.result === 'failure');
}

/**
 * The audit event of a call flagged for support: the failed criteria's ids, comma-separated —
 * never their rationale (it may quote the child; support reads it on the booking). Undefined
 * when no criterion failed.
 */
export function callFlaggedEvent(
  analysis: Pick<CallAnalysis, 'criteria'>,
): { readonly type: 'call_flagged'; readonly detail: { readonly criteria: string } } | undefined {
  const failed = failedCriteria(analysis);
  if (failed.length === 0) return undefined;
  return {
    type: 'call_flagged',
    detail: { criteria: failed.map((criterion) => criterion.id).join(',') },
  };
}

/**
 * Audit events for support's eyes only: the parent's timeline (the booking view) leaves them
 * out — a parent reading "call flagged" beside "call completed" learns nothing they can act
 * on, and support follows it up (docs/observability.md).
 */
export const supportOnlyEventTypes: readonly string[] = ['call_flagged'];
