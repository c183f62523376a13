/** The input the booking workflow starts with, and when and under which name it starts. */
export interface WorkflowStart {
  readonly executionName: string;
  readonly input: { readonly bookingId: string; readonly callAt: string; readonly version: number };
  /** When the workflow must start: an hour early when a reminder is due, else just before. */
  readonly startAt: Date;
}

/**
 * The reminder rule, in one place: a call booked for later starts its workflow an hour early
 * (`reminderLeadMs`), and the run sends the reminder only while the call is still more than
 * half an hour away (`reminderMinimumLeadMs`) — so a late payment or a slow schedule never sends
 * a "Santa calls in an hour" email five minutes before the call. "Call now" gets none.
 */
export const reminderLeadMs = 60 * 60_000;
export const reminderMinimumLeadMs = 30 * 60_000;

/** Is the reminder email due now, for a call at `callAt` (ISO)? */
export function isReminderDue(
  booking: { readonly callNow: boolean; readonly reminderSentAt?: string | undefined },
  callAt: string,
  now: Date,
): boolean {
  return (
    !booking.callNow &&
    !booking.reminderSentAt &&
    Date.parse(callAt) - now.getTime() > reminderMinimumLeadMs
  );
}
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

/**
 * A recovery run the reconciler starts now for a stuck booking: its own name per try
 * (`booking-<id>-v<version>-r<run>`), due at once; the run decides from the booking where to go.
 */
export function recoveryStart(
  bookingId: string,
  version: number,
  run: number,
  now: Date,
): WorkflowStart {
  return {
    executionName: `booking-${bookingId}-v${version}-r${run}`,
    input: { bookingId, callAt: now.toISOString(), version },
    startAt: now,
  };
}

/**
 * A start due within this many ms of now (inclusive) goes straight to StartExecution, not to
 * Scheduler: Scheduler fires an `at()` within its minute, and not at all for a time already
 * past (a one-time schedule created for the past never runs).
 */
export const directStartWithinMs = 60_000;

/**
 * Whether the workflow starts now (StartExecution, under the start's fixed execution name, so
 * a repeat returns the same run) rather than from a Scheduler `at()`: "call now", or a start
 * due within `directStartWithinMs` — including one already past (a late payment, a reschedule
 * to a minute from now). The run's own Wait then holds it to the second.
 */
export function startsDirectly(
  callNow: boolean,
  start: Pick<WorkflowStart, 'startAt'>,
  now: Date,
): boolean {
  return callNow || start.startAt.getTime() <= now.getTime() + directStartWithinMs;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, as EventBridge Scheduler takes it. */
export function atExpression(instant: Date): string {
  return `at(${instant.toISOString().slice(0, 19)})`;
}
