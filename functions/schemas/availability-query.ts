import * as z from 'zod';
import { timezoneSchema } from './booking-request.ts';

/** `GET /api/availability?date=YYYY-MM-DD&timezone=IANA`: the callee's local day and zone. */
export const availabilityQuery = z.object({
  date: z.iso.date({ error: 'Give the date as YYYY-MM-DD.' }),
  timezone: timezoneSchema,
});
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
