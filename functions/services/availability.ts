import { DateTime } from 'luxon';
import { candidateSlots, type SchedulingRules, slotCapacity } from '../core/scheduling-rules.ts';
import { placesTaken } from '../data/slots.ts';

export interface BookableTime {
  /** The slot's start, UTC. */
  readonly startsAt: string;
  /** The same instant on the child's clock, e.g. "18:30". */
  readonly localTime: string;
  readonly placesLeft: number;
}

/** The times of one local day that can still be booked, with the places left in each. */
export async function bookableTimes(
  localDate: string,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
): Promise<BookableTime[]> {
  const slots = candidateSlots(localDate, timezone, now, rules);
  const taken = await placesTaken(slots.map((slot) => slot.toISOString()));
  const capacity = slotCapacity(rules);
  return slots
    .map((slot) => ({
      startsAt: slot.toISOString(),
      localTime: DateTime.fromJSDate(slot, { zone: timezone }).toFormat('HH:mm'),
      placesLeft: capacity - (taken.get(slot.toISOString()) ?? 0),
    }))
    .filter((time) => time.placesLeft > 0);
}

/** The free times nearest to a full one: that local day and the next. */
export async function nearestFreeTimes(
  wanted: Date,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
  count = 3,
): Promise<BookableTime[]> {
  const day = DateTime.fromJSDate(wanted, { zone: timezone });
  const days = [day, day.plus({ days: 1 })].map((d) => d.toISODate() ?? '');
  const times = (await Promise.all(days.map((d) => bookableTimes(d, timezone, now, rules)))).flat();
  return times
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.startsAt) - wanted.getTime()) -
        Math.abs(Date.parse(b.startsAt) - wanted.getTime()),
    )
    .slice(0, count);
}
