import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { findBooking } from '../data/bookings.ts';
import { logger } from '../shared/logger.ts';
import { runInput } from './run-input.ts';

const config = loadWorkflowConfig();
/** Send the reminder only when the call is comfortably ahead; "call now" gets none. */
const reminderMinimumLeadMs = 30 * 60_000;

/**
 * Is this run still the one to make the call? Only for a paid booking, not cancelled, at the
 * schedule version the run was started for — a reschedule starts a newer run.
 */
export async function handler(event: unknown) {
  const { bookingId, version } = runInput.parse(event);
  const booking = await findBooking(bookingId);
  const reason = !booking
    ? 'no_booking'
    : booking.version !== version
      ? 'rescheduled'
      : booking.paymentStatus !== 'paid'
        ? 'not_paid'
        : booking.callStatus !== 'scheduled' && booking.callStatus !== 'queued'
          ? `call_${booking.callStatus}`
          : undefined;
  if (reason) logger.info('workflow run ends early', { bookingId, reason });
  const reminderDue =
    !reason &&
    booking !== undefined &&
    !booking.callNow &&
    !booking.reminderSentAt &&
    Date.parse(booking.scheduledAt) - Date.now() > reminderMinimumLeadMs;
  return {
    proceed: reason === undefined,
    reminderDue,
    retryWaitSeconds: config.retryWaitSeconds,
    ...(reason ? { reason } : {}),
  };
}
