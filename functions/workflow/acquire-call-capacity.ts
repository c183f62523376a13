import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { acquireCallLine, CapacityContendedError } from '../data/call-capacity.ts';
import { taskErrors } from '../schemas/workflow-contract.ts';
import { logger } from '../shared/logger.ts';
import { TaskError, workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/**
 * The call is queued, then takes a line when one is free. Over capacity — every line busy, the
 * start rate used up, or the capacity item raced by other calls — it throws
 * `CapacityUnavailable`, which the workflow retries with backoff and never gives up on.
 * Idempotent: a holder that already has a line keeps it, and `queued` is set once.
 */
export const handler = workflowTask('AcquireCallCapacity', async ({ bookingId, version }) => {
  const booking = await getBooking(bookingId);
  if (booking.callStatus === 'scheduled') {
    await changeBookingFromWorkflow(
      booking,
      version,
      { callStatus: 'queued' },
      {
        type: 'call_queued',
      },
    );
  }
  let reason: string;
  try {
    const outcome = await acquireCallLine(bookingId, config.capacity);
    if (outcome.granted) return {};
    reason = outcome.reason;
  } catch (error) {
    if (!(error instanceof CapacityContendedError)) throw error;
    reason = 'contended';
  }
  logger.info('waiting for a free line', { bookingId, reason });
  throw new TaskError(taskErrors.capacityUnavailable, `No free line for the call yet (${reason}).`);
});
