import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { decideAfterCall } from '../core/after-call.ts';
import { isRetryableOutcome } from '../core/call-outcome.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/**
 * After a call attempt: record a completed call at once (the records and email follow, and may
 * fail without leaving the call `in_progress`), queue a retry after busy / no answer /
 * voicemail while retries are left, otherwise give up. Every write is conditional on the
 * booking's version (and the status moves on its status too), so a retried step changes
 * nothing twice.
 */
export const handler = workflowTask('DecideAfterCall', async ({ bookingId, version, outcome }) => {
  const booking = await getBooking(bookingId);
  const decision = decideAfterCall(booking, version, outcome, config.maxRetries);
  const attempt = String(booking.attempts);
  switch (decision.next) {
    case 'save':
      if (decision.complete) {
        await changeBookingFromWorkflow(
          booking,
          version,
          { callStatus: 'completed', lastOutcome: 'completed' },
          {
            type: 'call_completed',
            detail: { conversationId: booking.conversationId ?? '', attempt },
          },
          { expectUnchangedStatus: true },
        );
        // Once per call: a retried step finds the status moved and decides `complete: false`.
        countMetric(metricNames.callsCompleted);
      }
      break;
    case 'retry':
      if (decision.requeue) {
        await changeBookingFromWorkflow(
          booking,
          version,
          { callStatus: 'queued', lastOutcome: outcome },
          { type: 'call_attempt_unanswered', detail: { outcome, attempt } },
          { expectUnchangedStatus: true },
        );
      }
      break;
    case 'give_up':
      if (decision.recordOutcome) {
        await changeBookingFromWorkflow(
          booking,
          version,
          { lastOutcome: outcome },
          {
            type: isRetryableOutcome(outcome) ? 'call_attempt_unanswered' : 'call_attempt_failed',
            detail: { outcome, attempt, final: 'true' },
          },
        );
      }
      break;
    case 'stop':
      break;
  }
  return { next: decision.next };
});
