import { DateTime } from 'luxon';
import type { SchedulingRules } from './scheduling-rules.ts';

/** The callee's local days a call can be booked on, `YYYY-MM-DD`, both included. */
export interface BookingWindow {
  readonly firstDate: string;
  readonly lastDate: string;
}

/**
 * The days of the booking window on the callee's clock: from the day of the earliest bookable
 * instant (`minimumLeadMinutes` from now) to the day of the latest (`maximumLeadDays` from now),
 * the same bounds `scheduleProblem` judges a time by. Pure.
 *
 * @param timezone the callee's IANA zone
 */
export function bookingWindow(
  timezone: string,
  now: Date,
  rules: Pick<SchedulingRules, 'minimumLeadMinutes' | 'maximumLeadDays'>,
): BookingWindow {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return {
    firstDate: local.plus({ minutes: rules.minimumLeadMinutes }).toISODate() ?? '',
    lastDate: local.plus({ days: rules.maximumLeadDays }).toISODate() ?? '',
  };
}

/** Whether a local day (`YYYY-MM-DD`) is inside the window. */
export function isInBookingWindow(date: string, window: BookingWindow): boolean {
  return date >= window.firstDate && date <= window.lastDate;
}
