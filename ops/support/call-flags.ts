import type { CallAnalysis } from '../../functions/core/call-analysis.ts';
import { failedCriteria } from '../../functions/core/call-analysis.ts';

/**
 * A call flagged for support: each evaluation criterion it failed, with the evaluator's
 * rationale (support may read it; it is never logged or put in the audit trail). Pure.
 */
export interface FlaggedCriterion {
  /** The criterion's id (`functions/agent/santa-analysis.ts`), e.g. `stayed_in_character`. */
  readonly criterion: string;
  /** Why ElevenLabs' evaluator judged it failed; '' when it gave no reason. */
  readonly rationale: string;
}

/** The failed criteria of the booking's call analysis; empty when none (or no analysis). */
export function flaggedCriteria(booking: {
  readonly callAnalysis?: Pick<CallAnalysis, 'criteria'> | undefined;
}): FlaggedCriterion[] {
  if (!booking.callAnalysis) return [];
  return failedCriteria(booking.callAnalysis).map((criterion) => ({
    criterion: criterion.id,
    rationale: criterion.rationale ?? '',
  }));
}
