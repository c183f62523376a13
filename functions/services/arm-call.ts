import { startWorkflowNow, upsertBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { scheduleNameFor, startsDirectly, workflowStart } from '../core/workflow-start.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { type Booking, recordWorkflowArmed } from '../data/bookings.ts';

/**
 * Arms the call for the booking's current version: the workflow starts now ("call now") or
 * one Scheduler entry named after the booking starts it later. Safe to repeat: the schedule is
 * upserted, the execution name is fixed per version, and the audit event is written once.
 */
export async function armCall(booking: Booking, now: Date): Promise<void> {
  const wanted = booking.callNow ? now : new Date(booking.scheduledAt);
  const callAt = wanted < now ? now : wanted;
  const start = workflowStart(booking.bookingId, callAt, booking.version, now);
  if (booking.executionName === start.executionName) return;
  // Scheduler fires `at()` within its minute and not at all for a time already past: a run
  // due within the next minute starts now, and its Wait holds it to the second.
  const startNow = startsDirectly(booking.callNow, start, now);
  if (startNow) await startWorkflowNow(start);
  else await upsertBookingSchedule(booking.bookingId, start);
  const armed = await recordWorkflowArmed(booking.bookingId, booking.version, {
    ...(startNow ? {} : { scheduleName: scheduleNameFor(booking.bookingId) }),
    executionName: start.executionName,
  });
  if (armed) {
    await appendAuditEvent(booking.bookingId, {
      type: startNow ? 'call_started' : 'call_scheduled',
      detail: { executionName: start.executionName, workflowStartsAt: start.startAt.toISOString() },
    });
  }
}
