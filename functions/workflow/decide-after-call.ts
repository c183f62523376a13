import { z } from 'zod';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { changeBookingFromWorkflow, getBooking } from '../data/bookings.ts';
import { callOutcomes, retryableOutcomes, runInput } from './run-input.ts';

const config = loadWorkflowConfig();
const decideInput = runInput.extend({ outcome: z.enum(callOutcomes) });

/**
 * After a call attempt: save a completed call; call again after busy / no answer / voicemail
 * while retries are left; otherwise give up. A run overtaken by a reschedule stops.
 */
export async function handler(event: unknown) {
  const { bookingId, version, outcome } = decideInput.parse(event);
  const booking = await getBooking(bookingId);
  if (booking.version !== version || booking.callStatus === 'cancelled') return { next: 'stop' };
  if (outcome === 'completed') return { next: 'save' };
  const retryLeft = booking.attempts <= config.maxRetries;
  if (retryableOutcomes.includes(outcome) && retryLeft && booking.callStatus === 'in_progress') {
    await changeBookingFromWorkflow(
      booking,
      version,
      { callStatus: 'queued', lastOutcome: outcome },
      {
        type: 'call_attempt_unanswered',
        detail: { outcome, attempt: String(booking.attempts) },
      },
    );
    return { next: 'retry' };
  }
  if (booking.lastOutcome !== outcome) {
    await changeBookingFromWorkflow(
      booking,
      version,
      { lastOutcome: outcome },
      {
        type: retryableOutcomes.includes(outcome)
          ? 'call_attempt_unanswered'
          : 'call_attempt_failed',
        detail: { outcome, attempt: String(booking.attempts), final: 'true' },
      },
    );
  }
  return { next: 'give_up' };
}
