import { answerLineTask } from '../adapters/workflow-callbacks.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { queueInstant } from '../core/line-dispatch.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { handOut, queueCall } from '../data/call-lines.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/**
 * "Wait for a free line": the due call joins the queue (its place: `queueInstant`) with this
 * task's token, then hands out whatever lines are free in due order — perhaps to itself. The
 * task waits until a hand-out answers its token with the second it may start; if none does
 * within the task's timeout it runs again and keeps its place (the ticket), which also hands
 * out any line a crashed call's expired lease gave back.
 * Idempotent: one ticket per (booking, attempt); `queued` is set once; a holder that already
 * has a line is answered at once without a second start.
 */
export const handler = workflowTask(
  'AcquireCallCapacity',
  async ({ bookingId, version, taskToken }) => {
    const booking = await getBooking(bookingId);
    if (booking.callStatus === 'scheduled') {
      await changeBookingFromWorkflow(
        booking,
        version,
        { callStatus: 'queued' },
        { type: 'call_queued' },
      );
    }
    const dueAt = await queueCall({
      holder: bookingId,
      attempt: booking.attempts,
      dueAt: queueInstant(booking, new Date()),
      taskToken,
    });
    const grants = await handOut(config.lines, (call, startAt) =>
      answerLineTask(call.taskToken, { startAt: new Date(startAt).toISOString() }),
    );
    const granted = grants.map((grant) => grant.call.holder);
    logger.info('call queued for a line', { bookingId, dueAt, granted });
    // A due call that got no line at once waits (each run of this step while it waits counts
    // again: a growing sum means the lines do not keep up).
    if (!granted.includes(bookingId)) countMetric(metricNames.capacityWaits);
    return {};
  },
);
