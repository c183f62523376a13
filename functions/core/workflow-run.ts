import { stillOwed } from './booking.ts';
import type { CallStatus, PaymentStatus, VideoStatus } from './booking-status.ts';
import { type CallOutcome, callOutcomes, type UnsuccessfulReason } from './call-outcome.ts';
import { type CallingHours, callingWindowAt } from './calling-hours.ts';
import { isReminderDue } from './workflow-start.ts';

/**
 * What one workflow run needs to know about its booking to decide where to go. The run serves
 * one version of the booking's schedule (`runVersion`); a reschedule starts a newer run.
 */
export interface RunBooking {
  readonly version: number;
  readonly callStatus: CallStatus;
  readonly paymentStatus: PaymentStatus;
  readonly callNow: boolean;
  /** The booked call time, ISO 8601 UTC. */
  readonly scheduledAt: string;
  /** The callee's IANA zone: calling hours are judged in it. */
  readonly timezone: string;
  readonly waitForCallingHours?: boolean | undefined;
  readonly reminderSentAt?: string | undefined;
  readonly conversationId?: string | undefined;
  readonly lastOutcome?: string | undefined;
  readonly transcriptEmailSentAt?: string | undefined;
  readonly notCompletedEmailSentAt?: string | undefined;
  readonly dataErasedAt?: string | undefined;
  readonly purchaseRecording: boolean;
  readonly videoStatus: VideoStatus;
  readonly audioKey?: string | undefined;
  readonly videoReadyEmailSentAt?: string | undefined;
}

/** Where the run goes next. Every action is safe to decide again after a crash. */
export type RunDecision =
  /** Nothing to do: the booking moved on (rescheduled, cancelled, unpaid) or is finished. */
  | { readonly action: 'stop'; readonly reason: StopReason }
  /** Go on towards the call (and send the reminder first when it is due). */
  | { readonly action: 'call'; readonly reminderDue: boolean }
  /** Calling hours are closed in the callee's zone; the parent agreed to wait until they open. */
  | { readonly action: 'wait_for_hours'; readonly opensAt: string }
  /** A call is already placed for this version (a crash, a redrive): find out how it went. */
  | { readonly action: 'resume_call' }
  /** The call was completed but what comes after it (records, email) is not all done. */
  | { readonly action: 'after_call' }
  /** The call and its email are done; the bought video is not made yet. */
  | { readonly action: 'render_video' }
  /** The call will not happen, or did not connect: end it, refund and tell the parent. */
  | {
      readonly action: 'end_unsuccessful';
      readonly outcome: CallOutcome;
      readonly reason: UnsuccessfulReason;
    };

export type StopReason =
  | 'no_booking'
  | 'rescheduled'
  | 'cancelled'
  | 'not_paid'
  | 'already_finished';

/** Which check of the run this is: when it starts, or just before it dials. */
export const runStages = ['start', 'dial'] as const;
export type RunStage = (typeof runStages)[number];

/** Every action a run can be sent on (the `action` of each `RunDecision`). */
export const runActions = [
  'stop',
  'call',
  'wait_for_hours',
  'resume_call',
  'after_call',
  'render_video',
  'end_unsuccessful',
] as const satisfies readonly RunDecision['action'][];

function lastOutcomeOf(booking: RunBooking): CallOutcome {
  const last = callOutcomes.find((outcome) => outcome === booking.lastOutcome);
  return last ?? 'failed';
}

/**
 * Decides where a workflow run goes from the booking's state — the same rule when the run
 * starts, when it is about to dial, and when a run is started again after a crash or by the
 * reconciler. Calling hours are the law at dial time: outside them the run waits for the next
 * window only when the parent agreed to that at booking, else the call ends refunded.
 *
 * @param booking the booking as stored, or undefined when there is none
 * @param runVersion the schedule version this run was started for
 * @param now the current instant
 */
export function decideRun(
  booking: RunBooking | undefined,
  runVersion: number,
  stage: RunStage,
  now: Date,
  hours: CallingHours,
): RunDecision {
  if (!booking) return { action: 'stop', reason: 'no_booking' };
  if (booking.version !== runVersion) return { action: 'stop', reason: 'rescheduled' };
  switch (booking.callStatus) {
    case 'cancelled':
      return { action: 'stop', reason: 'cancelled' };
    case 'pending':
      return { action: 'stop', reason: 'not_paid' };
    case 'completed':
      if (stillOwed.afterCall(booking)) return { action: 'after_call' };
      return stillOwed.video(booking)
        ? { action: 'render_video' }
        : { action: 'stop', reason: 'already_finished' };
    case 'failed':
    case 'no_answer':
      // Ended, but the refund or the parent's email may still be owed.
      return stillOwed.unsuccessfulEnding(booking)
        ? {
            action: 'end_unsuccessful',
            outcome: booking.callStatus === 'no_answer' ? lastOutcomeOf(booking) : 'failed',
            reason: 'not_reached',
          }
        : { action: 'stop', reason: 'already_finished' };
    case 'in_progress':
      return { action: 'resume_call' };
    case 'scheduled':
    case 'queued':
      break;
  }
  if (booking.paymentStatus !== 'paid') return { action: 'stop', reason: 'not_paid' };
  if (stage === 'start') {
    return { action: 'call', reminderDue: isReminderDue(booking, booking.scheduledAt, now) };
  }
  const window = callingWindowAt(now, booking.timezone, hours);
  if (window.open) return { action: 'call', reminderDue: false };
  if (booking.waitForCallingHours) {
    return { action: 'wait_for_hours', opensAt: window.opensAt.toISOString() };
  }
  return {
    action: 'end_unsuccessful',
    // A retry that drifted out of hours ends as the attempts before it did.
    outcome:
      booking.callStatus === 'queued' && booking.lastOutcome ? lastOutcomeOf(booking) : 'failed',
    reason: 'outside_calling_hours',
  };
}
