import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { workflowTask } from './task.ts';

/**
 * A step after a completed call failed after all its retries (saving the records, sending the
 * transcript email). The call itself stays `completed`; the problem is written on the booking
 * and its audit trail, where support sees it and the reconciler retries the work. Idempotent:
 * the same problem is recorded once.
 */
export const handler = workflowTask(
  'NoteAfterCallProblem',
  async ({ bookingId, version, problem, error }) => {
    const booking = await getBooking(bookingId);
    if (booking.afterCallProblem === problem) return {};
    await changeBookingFromWorkflow(
      booking,
      version,
      { afterCallProblem: problem },
      { type: 'after_call_problem', detail: { problem, ...(error ? { error } : {}) } },
    );
    logger.error('a step after the call failed; the reconciler will retry it', {
      bookingId,
      problem,
      error,
    });
    return {};
  },
);
