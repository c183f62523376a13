/** The input the booking workflow starts with, and when and under which name it starts. */
export interface WorkflowStart {
  readonly executionName: string;
  readonly input: { readonly bookingId: string; readonly callAt: string; readonly version: number };
  /** When the workflow must start: an hour early when a reminder is due, else just before. */
  readonly startAt: Date;
}

const reminderLeadMs = 60 * 60_000;
/** Scheduler fires within its minute; starting a minute early lets the workflow's Wait be exact. */
const schedulerSlackMs = 60_000;

export function scheduleNameFor(bookingId: string): string {
  return `booking-${bookingId}`;
}

/**
 * Execution names are unique per state machine for 90 days, so each version of a booking's
 * schedule gets its own; the workflow checks the version before it calls.
 */
export function workflowStart(
  bookingId: string,
  callAt: Date,
  version: number,
  now: Date,
): WorkflowStart {
  const lead = callAt.getTime() - now.getTime();
  const startMs =
    lead > reminderLeadMs + schedulerSlackMs
      ? callAt.getTime() - reminderLeadMs
      : callAt.getTime() - schedulerSlackMs;
  return {
    executionName: `booking-${bookingId}-v${version}`,
    input: { bookingId, callAt: callAt.toISOString(), version },
    startAt: new Date(Math.max(startMs, now.getTime())),
  };
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, as EventBridge Scheduler takes it. */
export function atExpression(instant: Date): string {
  return `at(${instant.toISOString().slice(0, 19)})`;
}
