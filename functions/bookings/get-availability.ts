import { loadBookingConfig } from '../config/booking-config.ts';
import { bookingWindow } from '../core/booking-window.ts';
import {
  formatCallingHours,
  isWithinCallingHours,
  nextSlotStart,
  slotCapacity,
} from '../core/scheduling-rules.ts';
import { lineFreeNow } from '../data/call-lines.ts';
import { placesTaken } from '../data/slots.ts';
import type { Availability } from '../schemas/api/availability.ts';
import { availabilityQuery } from '../schemas/availability-query.ts';
import { bookableTimes } from '../services/availability.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseQuery } from '../shared/request.ts';

const config = loadBookingConfig();

/** Whether "call now" can be offered: hours open, a line free, and a place at the next instant. */
async function callNowAvailable(timezone: string, now: Date): Promise<boolean> {
  if (!isWithinCallingHours(now, timezone, config.rules)) return false;
  const next = nextSlotStart(now);
  const [lineFree, taken] = await Promise.all([
    lineFreeNow(config.rules.concurrentCalls),
    placesTaken([next.toISOString()]),
  ]);
  return lineFree && (taken.get(next.toISOString()) ?? 0) < slotCapacity(next, config.rules);
}

/**
 * GET /api/availability?date=YYYY-MM-DD&timezone=IANA: the bookable instants of that local
 * day with the places left at each (one Query per UTC date), and whether "call now" is open.
 */
export const handler = httpHandler(async (event) => {
  const { date, timezone } = parseQuery(event, availabilityQuery);
  const now = new Date();
  const [times, callNow] = await Promise.all([
    bookableTimes(date, timezone, now, config.rules),
    callNowAvailable(timezone, now),
  ]);
  return jsonResponse(200, {
    date,
    timezone,
    callingHours: formatCallingHours(config.rules),
    callNowAvailable: callNow,
    times,
    window: bookingWindow(timezone, now, config.rules),
  } satisfies Availability);
});
