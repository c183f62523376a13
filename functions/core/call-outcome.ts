/**
 * How one call attempt ended, in our words (the providers' spellings are mapped in
 * `call-report.ts`). The workflow decides what comes next from it.
 */
export const callOutcomes = ['completed', 'busy', 'no_answer', 'voicemail', 'failed'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** Outcomes where calling again later may reach the child. */
const retryableOutcomes: readonly CallOutcome[] = ['busy', 'no_answer', 'voicemail'];

/**
 * What a report about a call may say: a settled outcome, `in_progress` (the conversation is
 * still going: ask again later) or `unconfirmed` (the report cannot tell, e.g. a transcription
 * without `call_result`: ask the conversation API before deciding).
 */
export const reportedOutcomes = [...callOutcomes, 'in_progress', 'unconfirmed'] as const;
export type ReportedOutcome = (typeof reportedOutcomes)[number];

export function isRetryableOutcome(outcome: CallOutcome): boolean {
  return retryableOutcomes.includes(outcome);
}

/** Why a call ended without Santa getting through; the parent's email says which. */
export const unsuccessfulReasons = ['not_reached', 'outside_calling_hours', 'error'] as const;
export type UnsuccessfulReason = (typeof unsuccessfulReasons)[number];

/** What went wrong after a completed call; shown on the booking until it is put right. */
export const afterCallProblems = ['records_not_saved', 'transcript_email_not_sent'] as const;
export type AfterCallProblem = (typeof afterCallProblems)[number];
