import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { acquireCallLine } from '../data/call-capacity.ts';
import { logger } from '../shared/logger.ts';
import { runInput } from './run-input.ts';

const config = loadWorkflowConfig();

/** Thrown while every line is busy or the start rate is used up; the workflow retries it. */
export class CapacityUnavailable extends Error {
  constructor(reason: string) {
    super(`No free line for the call yet (${reason}).`);
    this.name = 'CapacityUnavailable';
  }
}

/** The call is queued, then takes a line when one is free — or fails to be retried later. */
export async function handler(event: unknown) {
  const { bookingId, version } = runInput.parse(event);
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
  const outcome = await acquireCallLine(bookingId, config.capacity);
  if (!outcome.granted) {
    logger.info('waiting for a free line', { bookingId, reason: outcome.reason });
    throw new CapacityUnavailable(outcome.reason);
  }
  return { acquired: true };
}
