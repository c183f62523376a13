import { DateTime } from 'luxon';
import { callingWindowAt } from './calling-hours.ts';

/** Rules for when a call may happen; all configurable per stage. */
export interface SchedulingRules {
  /** Calling hours in the called party's local time, as minutes after midnight. */
  readonly callingHoursStartMinute: number;
  readonly callingHoursEndMinute: number;
  readonly minimumLeadMinutes: number;
  readonly maximumLeadDays: number;
  /** Santa's concurrent-call limit (the ElevenLabs plan) and the expected call length. */
  readonly concurrentCalls: number;
  readonly expectedCallMinutes: number;
}

export const slotMinutes = 15;

export const defaultSchedulingRules: SchedulingRules = {
  callingHoursStartMinute: 8 * 60,
  callingHoursEndMinute: 21 * 60,
  minimumLeadMinutes: 15,
  maximumLeadDays: 90,
  concurrentCalls: 4,
  expectedCallMinutes: 5,
};

/** How many calls one 15-minute slot can start and still serve each on time. */
export function slotCapacity(rules: SchedulingRules): number {
  return Math.max(1, Math.floor((rules.concurrentCalls * slotMinutes) / rules.expectedCallMinutes));
}

/** The slot an instant falls in: UTC quarter hours, which are local quarter hours everywhere. */
export function slotStart(instant: Date): Date {
  const ms = slotMinutes * 60_000;
  return new Date(Math.floor(instant.getTime() / ms) * ms);
}

/**
 * Whether `instant` is inside calling hours on the callee's clock (`timezone`, IANA). The one
 * rule for booking and for dial time: see `callingWindowAt`, which also says when they open.
 */
export function isWithinCallingHours(
  instant: Date,
  timezone: string,
  rules: SchedulingRules,
): boolean {
  return callingWindowAt(instant, timezone, rules).open;
}

export type ScheduleProblem = 'too_soon' | 'too_far' | 'outside_calling_hours';

/** Why a requested call time cannot be booked, or undefined when it can. */
export function scheduleProblem(
  callAt: Date,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
): ScheduleProblem | undefined {
  const leadMinutes = (callAt.getTime() - now.getTime()) / 60_000;
  if (leadMinutes < rules.minimumLeadMinutes) return 'too_soon';
  if (leadMinutes > rules.maximumLeadDays * 24 * 60) return 'too_far';
  if (!isWithinCallingHours(callAt, timezone, rules)) return 'outside_calling_hours';
  return undefined;
}

export function formatCallingHours(
  rules: Pick<SchedulingRules, 'callingHoursStartMinute' | 'callingHoursEndMinute'>,
): string {
  const clock = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${clock(rules.callingHoursStartMinute)}–${clock(rules.callingHoursEndMinute)}`;
}

export function describeScheduleProblem(problem: ScheduleProblem, rules: SchedulingRules): string {
  switch (problem) {
    case 'too_soon':
      return `Choose a time at least ${rules.minimumLeadMinutes} minutes from now, or call now.`;
    case 'too_far':
      return `Choose a time within the next ${rules.maximumLeadDays} days.`;
    case 'outside_calling_hours':
      return `Santa calls between ${formatCallingHours(rules)} in the child's time zone.`;
  }
}

/**
 * The bookable slot starts of one local day: inside calling hours, far enough ahead and not
 * too far. Capacity is checked separately against the table.
 */
export function candidateSlots(
  localDate: string,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
): Date[] {
  const day = DateTime.fromISO(localDate, { zone: timezone }).startOf('day');
  if (!day.isValid) return [];
  const slots: Date[] = [];
  for (
    let minute = rules.callingHoursStartMinute;
    minute < rules.callingHoursEndMinute;
    minute += slotMinutes
  ) {
    // Set the wall clock (not "add minutes"), so times after a DST change stay on the quarter.
    const local = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
    // Skip wall-clock times a DST jump removes (luxon moves them an hour on).
    if (local.hour * 60 + local.minute !== minute) continue;
    const instant = local.toJSDate();
    if (scheduleProblem(instant, timezone, now, rules) === undefined) slots.push(instant);
  }
  return slots;
}
