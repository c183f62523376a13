import { loadBookingConfig } from '../config/booking-config.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { decideRun, type RunDecision } from '../core/workflow-run.ts';
import { findBooking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { workflowTask } from './task.ts';

const workflow = loadWorkflowConfig();
const { rules } = loadBookingConfig();

/**
 * Where this run goes next, decided by the core from the booking as stored: on towards the
 * call, wait for calling hours, resume a call already placed, finish what follows a completed
 * call, end an unsuccessful one, or stop (rescheduled, cancelled, unpaid, finished). Read-only,
 * so any retry is harmless.
 */
export const handler = workflowTask('CheckBooking', async ({ bookingId, version, stage }) => {
  const booking = await findBooking(bookingId);
  const decision: RunDecision = decideRun(booking, version, stage, new Date(), rules);
  if (decision.action !== 'call') {
    logger.info('workflow run decided', { bookingId, version, stage, ...decision });
  }
  return {
    action: decision.action,
    reminderDue: decision.action === 'call' && decision.reminderDue,
    opensAt: decision.action === 'wait_for_hours' ? decision.opensAt : null,
    outcome: decision.action === 'end_unsuccessful' ? decision.outcome : 'failed',
    reason: decision.action === 'end_unsuccessful' ? decision.reason : 'error',
    retryWaitSeconds: workflow.retryWaitSeconds,
  };
});
