import type { Context } from 'aws-lambda';
import { executionState } from '../adapters/booking-workflow-starter.ts';
import { retrievePaymentIntent } from '../adapters/payments.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { callStatuses } from '../core/booking-status.ts';
import {
  decideReconcile,
  type ExecutionState,
  type ReconcileAction,
  type ReconcileRules,
} from '../core/reconcile.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { bookingsInCallStatus } from '../data/booking-queries.ts';
import { type Booking, claimRecoveryRun, findBooking } from '../data/bookings.ts';
import { applyPaymentSucceeded, sendConfirmationOnce } from '../services/after-payment.ts';
import { armCall } from '../services/arm-call.ts';
import { sendOwedChangeEmail } from '../services/change-emails.ts';
import { reclaimExpiredPlace } from '../services/hold-reclaim.ts';
import { siteLinks } from '../services/links.ts';
import { startRecoveryRun } from '../services/recovery-run.ts';
import { invocation } from '../shared/invocation.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';

const config = loadWorkflowConfig();

const rules: ReconcileRules = {
  afterSeconds: config.reconcileAfterSeconds,
  maxRecoveryRuns: config.maxRecoveryRuns,
  // A PaymentIntent unpaid after a day is an abandoned booking, not a lost webhook.
  paymentCheckWindowSeconds: 24 * 60 * 60,
};

/** Every status: a cancelled booking is never stuck, but may still owe its "cancelled" email. */
const watchedStatuses = callStatuses;

/** How far back the reconciler looks, by call time: beyond this a person looks instead. */
const lookBackMs = 3 * 24 * 60 * 60_000;

export interface ReconcileReport {
  readonly examined: number;
  readonly acted: Readonly<Record<string, number>>;
  readonly failed: number;
}

/**
 * The reconciler, run on a schedule (EventBridge Scheduler `rate(5 minutes)` in AWS, an
 * interval on the local cloud). It finds bookings whose state is older than it should be —
 * unpaid with a payment Stripe may have taken, paid but never armed, overdue with no run
 * serving them, a completed call with no transcript email, an unsuccessful call not refunded
 * or not told, a "moved" or "cancelled" email recorded as owed and never sent — and resolves each: asks Stripe, arms the call, or starts a run that resumes the
 * step the booking needs. An unpaid booking past its hold gives its place back (its payment
 * cancelled first), so abandoned checkouts return their places to sale within minutes. What it does goes into the booking's audit trail.
 *
 * Idempotent: every action is decided again on a consistent read; a recovery run is claimed on
 * the booking (conditional write) before it starts, so two reconcilers never start two; the
 * runs themselves decide from the booking and repeat nothing done.
 */
export function handler(_event?: unknown, context?: Context): Promise<ReconcileReport> {
  return invocation(context, undefined, reconcileAll);
}

async function reconcileAll(): Promise<ReconcileReport> {
  const now = new Date();
  const from = new Date(now.getTime() - lookBackMs).toISOString();
  const acted: Record<string, number> = {};
  let examined = 0;
  let failed = 0;
  for (const status of watchedStatuses) {
    for (const listed of await bookingsInCallStatus(status, from)) {
      examined++;
      // Cheap first look on the index; the execution is asked only when the state could be stuck.
      if (decideReconcile(listed, 'NONE', now, rules).kind === 'none') continue;
      try {
        const kind = await reconcileOne(listed.bookingId, now);
        if (kind !== 'none') acted[kind] = (acted[kind] ?? 0) + 1;
      } catch (error) {
        failed++;
        logger.error('could not reconcile a booking', { bookingId: listed.bookingId, error });
      }
    }
  }
  const report = { examined, acted, failed };
  const fixes = Object.values(acted).reduce((sum, count) => sum + count, 0);
  if (fixes > 0) countMetric(metricNames.reconcilerFixes, fixes);
  logger.info('reconciled bookings', { ...report });
  return report;
}

async function reconcileOne(bookingId: string, now: Date): Promise<ReconcileAction['kind']> {
  const booking = await findBooking(bookingId);
  if (!booking) return 'none';
  const execution: ExecutionState = booking.executionName
    ? await executionState(booking.executionName)
    : 'NONE';
  const action = decideReconcile(booking, execution, now, rules);
  switch (action.kind) {
    case 'none':
      return 'none';
    case 'check_payment':
      return checkPayment(booking, now);
    case 'arm':
      await armCall(booking, now);
      await appendAuditEvent(bookingId, {
        type: 'reconciled',
        detail: { action: 'arm', because: 'paid but never armed' },
      });
      logger.warn('reconciler armed a paid booking', { bookingId });
      return 'arm';
    case 'confirm':
      await sendConfirmationOnce(booking, await siteLinks(), now);
      await appendAuditEvent(bookingId, {
        type: 'reconciled',
        detail: { action: 'confirmation_sent', because: 'paid, but no confirmation was sent' },
      });
      return 'confirm';
    case 'send_change_email':
      // Decided again on this read (`changeEmailStep`): sent once, or taken over once.
      if (!(await sendOwedChangeEmail(booking, now))) return 'none';
      await appendAuditEvent(bookingId, {
        type: 'reconciled',
        detail: {
          action: 'change_email_sent',
          because: 'a change email recorded as owed was never sent',
        },
      });
      logger.warn('reconciler sent an owed change email', { bookingId });
      return 'send_change_email';
    case 'recover':
      return recover(booking, execution, action.because, now);
    case 'escalate':
      if (await claimRecoveryRun(booking, { supportNeededAt: now.toISOString() })) {
        await appendAuditEvent(bookingId, {
          type: 'support_needed',
          detail: { because: action.because, recoveryRuns: String(booking.recoveryRuns ?? 0) },
        });
        logger.error('booking needs a person: recovery runs did not end it', { bookingId });
      }
      return 'escalate';
  }
}

/** Unpaid here: Stripe is the truth, and its webhook may have been lost. */
async function checkPayment(booking: Booking, now: Date): Promise<ReconcileAction['kind']> {
  if (!booking.paymentIntentId) return 'none';
  const intent = await retrievePaymentIntent(booking.paymentIntentId);
  if (intent?.status !== 'succeeded') {
    // An abandoned checkout: its place goes back on sale once the hold ran out.
    if (
      Date.parse(booking.holdExpiresAt) <= now.getTime() &&
      (await reclaimExpiredPlace(
        booking.slotStart,
        booking.bookingId,
        booking.paymentIntentId,
        now,
      ))
    ) {
      await appendAuditEvent(booking.bookingId, {
        type: 'reconciled',
        detail: { action: 'place_given_back', because: 'unpaid when its hold ran out' },
      });
    }
    return 'none';
  }
  const applied = await applyPaymentSucceeded(booking.bookingId, intent, now);
  if (applied !== 'mark_paid' && applied !== 'refund_late_payment') return 'none';
  await appendAuditEvent(booking.bookingId, {
    type: 'reconciled',
    detail: {
      action: applied === 'mark_paid' ? 'payment_applied' : 'late_payment_refunded',
      because: 'Stripe says paid; no webhook was applied',
    },
  });
  logger.warn('reconciler applied a payment whose webhook never came', {
    bookingId: booking.bookingId,
  });
  return 'check_payment';
}

/** Claims the next recovery run on the booking, then starts it; the run decides where to go. */
async function recover(
  booking: Booking,
  execution: ExecutionState,
  because: string,
  now: Date,
): Promise<ReconcileAction['kind']> {
  return (await startRecoveryRun(booking, execution, because, now)) ? 'recover' : 'none';
}
