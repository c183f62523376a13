import type { CallStatus } from './booking-status.ts';
import { type CallOutcome, isRetryableOutcome } from './call-outcome.ts';

/** What the booking looks like when a call attempt's outcome is in. */
export interface AfterCallBooking {
  readonly version: number;
  readonly callStatus: CallStatus;
  /** Calls placed so far, this one included. */
  readonly attempts: number;
  readonly lastOutcome?: string | undefined;
}

/** The steps that can follow a call attempt (the `next` of each `AfterCallDecision`). */
export const afterCallSteps = [
  'save',
  'retry',
  'give_up',
  'stop',
] as const satisfies readonly AfterCallDecision['next'][];

export type AfterCallDecision =
  /** A run overtaken by a reschedule or cancellation: nothing more to do. */
  | { readonly next: 'stop' }
  /** The child was reached: the call is recorded as completed, then its records saved. */
  | { readonly next: 'save'; readonly complete: boolean }
  /** Busy, no answer or voicemail with retries left: queue the call again after a wait. */
  | { readonly next: 'retry'; readonly requeue: boolean }
  /** No retries left, or the call failed: end it (refund, tell the parent). */
  | { readonly next: 'give_up'; readonly recordOutcome: boolean };

/**
 * Decides what follows one call attempt. The outcome is written to the booking first, so a
 * step after it that fails never leaves the call `in_progress`. Deciding again after a crash
 * gives the same answer (a completed call stays completed; a queued retry stays queued).
 *
 * @param maxRetries calls allowed after the first one (3: at most four calls)
 */
export function decideAfterCall(
  booking: AfterCallBooking,
  runVersion: number,
  outcome: CallOutcome,
  maxRetries: number,
): AfterCallDecision {
  if (booking.version !== runVersion || booking.callStatus === 'cancelled') return { next: 'stop' };
  if (outcome === 'completed') {
    return { next: 'save', complete: booking.callStatus === 'in_progress' };
  }
  if (booking.callStatus === 'queued' && booking.lastOutcome === outcome) {
    // Decided already (a retried step): the call is queued again.
    return { next: 'retry', requeue: false };
  }
  if (
    isRetryableOutcome(outcome) &&
    booking.attempts <= maxRetries &&
    booking.callStatus === 'in_progress'
  ) {
    return { next: 'retry', requeue: true };
  }
  return { next: 'give_up', recordOutcome: booking.lastOutcome !== outcome };
}
