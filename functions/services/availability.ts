import { DateTime } from 'luxon';
import { candidateSlots, type SchedulingRules, slotCapacity } from '../core/scheduling-rules.ts';
import { placesTaken } from '../data/slots.ts';

export interface BookableTime {
  /** The instant, UTC. */
  readonly startsAt: string;
  /** The same instant on the child's clock, e.g. "18:30". */
  readonly localTime: string;
  readonly placesLeft: number;
}

/** Every candidate instant of these local days with the places left, from one read per UTC date. */
async function bookableTimesOf(
  localDates: readonly string[],
  timezone: string,
  now: Date,
  rules: SchedulingRules,
): Promise<BookableTime[]> {
  const slots = localDates.flatMap((date) => candidateSlots(date, timezone, now, rules));
  const taken = await placesTaken(slots.map((slot) => slot.toISOString()));
  return slots
    .map((slot) => ({
      startsAt: slot.toISOString(),
      localTime: DateTime.fromJSDate(slot, { zone: timezone }).toFormat('HH:mm'),
      placesLeft: slotCapacity(slot, rules) - (taken.get(slot.toISOString()) ?? 0),
    }))
    .filter((time) => time.placesLeft > 0);
}

/** The times of one local day that can still be booked, with the places left at each. */
export function bookableTimes(
  localDate: string,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
): Promise<BookableTime[]> {
  return bookableTimesOf([localDate], timezone, now, rules);
}

/**
 * The free times nearest to a full one: that local day and the next, read together (at most
 * three UTC dates, one Query each), so a refused parent's answer costs a bounded few reads.
 */
export async function nearestFreeTimes(
  wanted: Date,
  timezone: string,
  now: Date,
  rules: SchedulingRules,
  count = 3,
): Promise<BookableTime[]> {
  const day = DateTime.fromJSDate(wanted, { zone: timezone });
  const days = [day, day.plus({ days: 1 })].map((d) => d.toISODate() ?? '');
  const times = await bookableTimesOf(days, timezone, now, rules);
  return times
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.startsAt) - wanted.getTime()) -
        Math.abs(Date.parse(b.startsAt) - wanted.getTime()),
    )
    .slice(0, count);
}
