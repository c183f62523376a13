import { z } from 'zod';
import { loadBookingConfig } from '../config/booking-config.ts';
import {
  formatCallingHours,
  isWithinCallingHours,
  slotCapacity,
  slotStart,
} from '../core/scheduling-rules.ts';
import { placesTaken } from '../data/slots.ts';
import type { Availability } from '../schemas/api/availability.ts';
import { timezoneSchema } from '../schemas/booking-request.ts';
import { bookableTimes } from '../services/availability.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseQuery } from '../shared/request.ts';

const config = loadBookingConfig();

const availabilityQuery = z.object({
  date: z.iso.date({ error: 'Give the date as YYYY-MM-DD.' }),
  timezone: timezoneSchema,
});

/** GET /api/availability?date=YYYY-MM-DD&timezone=IANA: the bookable times of that local day. */
export const handler = httpHandler(async (event) => {
  const { date, timezone } = parseQuery(event, availabilityQuery);
  const now = new Date();
  const times = await bookableTimes(date, timezone, now, config.rules);
  const current = slotStart(now).toISOString();
  const currentTaken = (await placesTaken([current])).get(current) ?? 0;
  return jsonResponse(200, {
    date,
    timezone,
    callingHours: formatCallingHours(config.rules),
    callNowAvailable:
      isWithinCallingHours(now, timezone, config.rules) &&
      currentTaken < slotCapacity(config.rules),
    times,
  } satisfies Availability);
});
