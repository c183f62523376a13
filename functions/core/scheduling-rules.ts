import { DateTime } from 'luxon';
import { callingWindowAt } from './calling-hours.ts';
import { instantMinutes, type LineLimits, placesAt } from './instant-capacity.ts';

/** Rules for when a call may happen, and the lines' limits that size each instant's places. */
export interface SchedulingRules extends LineLimits {
  /** Calling hours in the called party's local time, as minutes after midnight. */
  readonly callingHoursStartMinute: number;
  readonly callingHoursEndMinute: number;
  readonly minimumLeadMinutes: number;
  readonly maximumLeadDays: number;
}

/** Bookable instants are this many minutes apart (`instant-capacity.ts`). */
export const slotMinutes = instantMinutes;

export const defaultSchedulingRules: SchedulingRules = {
  callingHoursStartMinute: 8 * 60,
  callingHoursEndMinute: 21 * 60,
  minimumLeadMinutes: 15,
  maximumLeadDays: 90,
  concurrentCalls: 4,
  startsPerSecond: 1,
  expectedCallMinutes: 5,
  maxCallSeconds: 300,
  ringSeconds: 45,
  retryShare: 0.15,
};

/** Places one bookable instant sells: the formula in `instant-capacity.ts`. */
export function slotCapacity(slot: Date, rules: SchedulingRules): number {
  return placesAt(slot, rules);
}

/**
 * The bookable instant an instant falls in (the grid is whole minutes of UTC, which are
 * whole minutes of every zone in use: no zone's offset is a fraction of five minutes).
 */
export function slotStart(instant: Date): Date {
  const ms = slotMinutes * 60_000;
  return new Date(Math.floor(instant.getTime() / ms) * ms);
}

/** The first bookable instant at or after `instant`: where a "call now" takes its place. */
export function nextSlotStart(instant: Date): Date {
  const ms = slotMinutes * 60_000;
  return new Date(Math.ceil(instant.getTime() / ms) * ms);
}

/**
 * The instant whose places a call takes: its own for a booked time; for "call now" the next
 * one, because the call holds its line through it (a line must also be free right then).
 */
export function placeInstantFor(callAt: Date, callNow: boolean): Date {
  return callNow ? nextSlotStart(callAt) : slotStart(callAt);
}

/** Whether `instant` is one of the offered times: on the grid, to the second. */
export function isOnSlotGrid(instant: Date): boolean {
  return instant.getTime() % (slotMinutes * 60_000) === 0;
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

export type ScheduleProblem = 'too_soon' | 'too_far' | 'outside_calling_hours' | 'not_offered';

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
  if (!isOnSlotGrid(callAt)) return 'not_offered';
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
    case 'not_offered':
      return `Choose one of the offered times: Santa's calls start every ${slotMinutes} minutes, on the minute (e.g. 18:00, 18:05).`;
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
    // Set the wall clock (not "add minutes"), so times after a DST change stay on the grid.
    const local = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
    // Skip wall-clock times a DST jump removes (luxon moves them an hour on).
    if (local.hour * 60 + local.minute !== minute) continue;
    const instant = local.toJSDate();
    if (scheduleProblem(instant, timezone, now, rules) === undefined) slots.push(instant);
  }
  return slots;
}
