import { DateTime } from 'luxon';

/**
 * The instant a one-time `at(yyyy-mm-ddThh:mm:ss)` expression names, read in its
 * ScheduleExpressionTimezone (UTC when absent), as EventBridge Scheduler reads it.
 */
export function atExpressionInstant(expression: string, timezone = 'UTC'): Date {
  const match = expression.match(/^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/);
  if (!match?.[1]) {
    throw new Error(
      `Invalid schedule expression "${expression}": the local scheduler takes one-time at(yyyy-mm-ddThh:mm:ss) expressions only.`,
    );
  }
  const local = DateTime.fromISO(match[1], { zone: timezone });
  if (!local.isValid) {
    throw new Error(
      `Invalid schedule time "${match[1]}" in time zone "${timezone}": ${local.invalidExplanation ?? local.invalidReason}.`,
    );
  }
  return local.toJSDate();
}
