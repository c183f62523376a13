import { stillOwed } from './booking.ts';
import type { CallStatus, PaymentStatus, VideoStatus } from './booking-status.ts';
import { type ChangeEmail, cancelledEmailOwed, changeEmailLeaseMs } from './change-emails.ts';

/** What the reconciler knows of a booking: its state and how long it has been in it. */
export interface ReconcileBooking {
  readonly callStatus: CallStatus;
  readonly paymentStatus: PaymentStatus;
  /** ISO instants. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly scheduledAt: string;
  readonly paidAt?: string | undefined;
  readonly paymentIntentId?: string | undefined;
  /** The execution that serves (or last served) the booking, when one was started or armed. */
  readonly executionName?: string | undefined;
  readonly confirmationEmailSentAt?: string | undefined;
  readonly transcriptEmailSentAt?: string | undefined;
  readonly notCompletedEmailSentAt?: string | undefined;
  readonly dataErasedAt?: string | undefined;
  readonly recoveryRuns?: number | undefined;
  readonly supportNeededAt?: string | undefined;
  readonly purchaseRecording: boolean;
  readonly videoStatus: VideoStatus;
  readonly audioKey?: string | undefined;
  readonly videoReadyEmailSentAt?: string | undefined;
  /** The change email still owed, and since when (`core/change-emails.ts`). */
  readonly changeEmailOwed?: ChangeEmail | undefined;
  readonly changeEmailOwedAt?: string | undefined;
}

/** The status of the booking's execution as Step Functions reports it; `NONE` if there is none. */
export type ExecutionState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NONE';

export interface ReconcileRules {
  /** How long past its due time a booking may sit in a state before the reconciler acts, s. */
  readonly afterSeconds: number;
  /** Recovery runs for one booking before a person is asked to look. */
  readonly maxRecoveryRuns: number;
  /** How long an unpaid booking's PaymentIntent is worth asking Stripe about, s. */
  readonly paymentCheckWindowSeconds: number;
}

export type ReconcileAction =
  | { readonly kind: 'none' }
  /** Unpaid here, but its payment webhook may have been lost: ask Stripe for the intent. */
  | { readonly kind: 'check_payment' }
  /** Paid but the call was never armed (no schedule, no execution): arm it now. */
  | { readonly kind: 'arm' }
  /** Paid and armed, the call still ahead, but the parent never got the confirmation. */
  | { readonly kind: 'confirm' }
  /**
   * A "moved" or "cancelled" email recorded as owed with the change, and still not sent long
   * after (a crash mid-send, SES down): send it (`changeEmailStep` decides how, on a fresh read).
   */
  | { readonly kind: 'send_change_email' }
  /** Stuck, with no execution running for it: start a run that resumes what it needs. */
  | { readonly kind: 'recover'; readonly because: string }
  /** Recovered too often without ending: a person must look (recorded once). */
  | { readonly kind: 'escalate'; readonly because: string };

const seconds = (iso: string | undefined, now: Date) =>
  iso ? (now.getTime() - Date.parse(iso)) / 1000 : Number.POSITIVE_INFINITY;

/**
 * Finds what a booking still needs when it sits in a state longer than it should — so that a
 * paid booking reaches a true final state even when every webhook is lost, a schedule never
 * fires or an execution dies. Never acts while the booking's execution is running: that run
 * will finish the job. Pure: the caller loads the booking and the execution's status, and
 * re-reads the booking before acting on the answer.
 */
export function decideReconcile(
  booking: ReconcileBooking,
  execution: ExecutionState,
  now: Date,
  rules: ReconcileRules,
): ReconcileAction {
  const grace = rules.afterSeconds;
  const stuck = (because: string): ReconcileAction => {
    if (booking.supportNeededAt) return { kind: 'none' };
    return (booking.recoveryRuns ?? 0) >= rules.maxRecoveryRuns
      ? { kind: 'escalate', because }
      : { kind: 'recover', because };
  };
  // Before the rest: an email is no work for the booking's run, so a running one does not wait.
  if (changeEmailLeftBehind(booking, now, grace)) return { kind: 'send_change_email' };
  if (booking.callStatus === 'cancelled') return { kind: 'none' };
  if (booking.paymentStatus === 'pending') {
    const age = seconds(booking.createdAt, now);
    return booking.paymentIntentId &&
      booking.callStatus === 'pending' &&
      age > grace &&
      age < rules.paymentCheckWindowSeconds
      ? { kind: 'check_payment' }
      : { kind: 'none' };
  }
  if (execution === 'RUNNING') return { kind: 'none' };
  const overdue = seconds(booking.scheduledAt, now) > grace;
  const idle = seconds(booking.updatedAt, now) > grace;
  switch (booking.callStatus) {
    case 'pending':
      return { kind: 'none' };
    case 'scheduled':
      if (booking.paymentStatus !== 'paid') return { kind: 'none' };
      if (!booking.executionName) {
        return seconds(booking.paidAt ?? booking.updatedAt, now) > grace
          ? { kind: 'arm' }
          : { kind: 'none' };
      }
      if (overdue) {
        return idle ? stuck('the call is overdue and no run serves it') : { kind: 'none' };
      }
      return !booking.confirmationEmailSentAt &&
        seconds(booking.paidAt ?? booking.updatedAt, now) > grace
        ? { kind: 'confirm' }
        : { kind: 'none' };
    case 'queued':
    case 'in_progress':
      return idle
        ? stuck(`the call is ${booking.callStatus} and no run serves it`)
        : { kind: 'none' };
    case 'completed':
      if (!idle) return { kind: 'none' };
      if (stillOwed.afterCall(booking)) return stuck('the completed call has no transcript email');
      return stillOwed.video(booking)
        ? stuck(`the bought video is ${booking.videoStatus} and no run makes it`)
        : { kind: 'none' };
    case 'failed':
    case 'no_answer':
      return stillOwed.unsuccessfulEnding(booking) && idle
        ? stuck('the unsuccessful call is not refunded or the parent not told')
        : { kind: 'none' };
  }
}

/**
 * A change email recorded as owed longer ago than the grace (and than a send's lease), that
 * may still be sent: a "moved" one while the paid call is still ahead, a "cancelled" one once
 * the booking was paid or refunded. The item is removed when the email goes, so one this old
 * was never sent, or its send died; `changeEmailStep` decides the rest on the full booking.
 */
function changeEmailLeftBehind(booking: ReconcileBooking, now: Date, grace: number): boolean {
  if (!booking.changeEmailOwed || booking.dataErasedAt) return false;
  if (seconds(booking.changeEmailOwedAt, now) <= Math.max(grace, changeEmailLeaseMs / 1000)) {
    return false;
  }
  return booking.changeEmailOwed === 'callMoved'
    ? booking.callStatus === 'scheduled' && booking.paymentStatus === 'paid'
    : booking.callStatus === 'cancelled' && cancelledEmailOwed(booking);
}
