import { IANAZone } from 'luxon';
import type { SchedulingRules } from './scheduling-rules.ts';

/**
 * Calling hours on the callee's clock: whether Santa may ring at an instant and, when not, the
 * next instant he may. Pure; the zone's offsets come from the runtime's IANA data (Intl, through
 * luxon), so DST days are what the tz database says they are.
 */

export type CallingHours = Pick<
  SchedulingRules,
  'callingHoursStartMinute' | 'callingHoursEndMinute'
>;

/** Open now, or closed until `opensAt` (the first instant after `instant` that is inside). */
export type CallingWindow =
  | { readonly open: true }
  | { readonly open: false; readonly opensAt: Date };

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/**
 * The calling window at `instant` in `timezone` (IANA). Hours run from `callingHoursStartMinute`
 * (inclusive) to `callingHoursEndMinute` (exclusive), minutes after local midnight; an end of
 * 1440 is midnight at the end of the day. When closed, `opensAt` is the next opening: later the
 * same local day when it is before the start, else the next day's start; a start that a DST jump
 * skips opens at the jump, and a start that occurs twice (clocks going back) opens at the first
 * occurrence after `instant`.
 *
 * @throws RangeError for a zone the runtime does not know, or hours that are not
 *   0 ≤ start < end ≤ 1440 whole minutes (a window that never opens has no `opensAt`).
 */
export function callingWindowAt(
  instant: Date,
  timezone: string,
  rules: CallingHours,
): CallingWindow {
  const start = rules.callingHoursStartMinute;
  const end = rules.callingHoursEndMinute;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440) {
    throw new RangeError(`Calling hours must be whole minutes within a day: ${start}–${end}.`);
  }
  if (start >= end)
    throw new RangeError(`Calling hours must start before they end: ${start}–${end}.`);
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timezone}.`);
  const clock = wallClock(zone);
  const isOpen = (at: number) => {
    const minute = minuteOfDay(clock(at));
    return minute >= start && minute < end;
  };

  if (Number.isNaN(instant.getTime())) throw new RangeError('The instant is not a valid date.');
  if (isOpen(instant.getTime())) return { open: true };
  // A few rounds cover the odd days a zone skips outright (Samoa lost 30 December 2011).
  let from = instant.getTime();
  for (let round = 0; round < 4; round++) {
    const wall = clock(from);
    const day = wall - mod(wall, dayMs) + (minuteOfDay(wall) < start ? 0 : dayMs);
    const opens = instantsAt(day + start * minuteMs, zone).find((at) => at > from);
    if (opens === undefined) break;
    if (isOpen(opens)) return { open: false, opensAt: new Date(opens) };
    from = opens;
  }
  throw new RangeError(`No calling window found after ${instant.toISOString()} in ${timezone}.`);
}

/** "Wall" milliseconds: the local date and time read as if it were UTC. */
function wallClock(zone: IANAZone): (at: number) => number {
  return (at) => at + zone.offset(at) * minuteMs;
}

function mod(value: number, by: number): number {
  return ((value % by) + by) % by;
}

function minuteOfDay(wall: number): number {
  return Math.floor(mod(wall, dayMs) / minuteMs);
}

/**
 * The instants whose local time is `wall`, earliest first: one on most days, two when clocks go
 * back, and when a jump forward skips it, the instant of the jump (the first local time after it).
 */
function instantsAt(wall: number, zone: IANAZone): number[] {
  const clock = wallClock(zone);
  // The offsets in force around that local time; a zone changes offset at most once in two days.
  const offsets = [
    ...new Set([zone.offset(wall - dayMs), zone.offset(wall + dayMs)].map((o) => o * minuteMs)),
  ];
  const found = offsets
    .map((offset) => wall - offset)
    .filter((at) => clock(at) === wall)
    .sort((a, b) => a - b);
  if (found.length) return [...new Set(found)];
  // Skipped: binary search for the jump, the first instant whose local time is past `wall`.
  let low = wall - Math.max(...offsets);
  let high = wall - Math.min(...offsets);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (clock(middle) >= wall) high = middle;
    else low = middle;
  }
  return [high];
}
