import { startWorkflowNow } from '../adapters/booking-workflow-starter.ts';
import type { ExecutionState } from '../core/reconcile.ts';
import { recoveryStart } from '../core/workflow-start.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { type Booking, claimRecoveryRun } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';

/**
 * Claims the booking's next recovery run, then starts it; the run decides from the booking which
 * step to resume. Used by the reconciler and by support's `redrive`.
 *
 * Idempotent: the run is claimed with a conditional write on `updatedAt` and the run count, so
 * two callers never start two; the execution is named after the run, so a retried start
 * returns the same execution.
 *
 * @returns the execution's name, or undefined when another caller claimed the run first
 */
export async function startRecoveryRun(
  booking: Booking,
  previousExecution: ExecutionState,
  because: string,
  now: Date,
  extraDetail: Readonly<Record<string, string>> = {},
): Promise<string | undefined> {
  const run = (booking.recoveryRuns ?? 0) + 1;
  const start = recoveryStart(booking.bookingId, booking.version, run, now);
  const { executionName } = start;
  const claimed = await claimRecoveryRun(booking, {
    recoveryRuns: run,
    executionName,
    reconciledAt: now.toISOString(),
  });
  if (!claimed) return undefined;
  await startWorkflowNow(start);
  await appendAuditEvent(booking.bookingId, {
    type: 'reconciled',
    detail: {
      action: 'recovery_run',
      because,
      executionName,
      previousExecution,
      ...extraDetail,
    },
  });
  logger.warn('recovery run started', { bookingId: booking.bookingId, executionName, because });
  return executionName;
}
