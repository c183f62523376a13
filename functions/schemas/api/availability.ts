import * as z from 'zod';

/** One bookable quarter hour: `GET /api/availability` lists them; a full slot's 409 suggests some. */
export const bookableTimeSchema = z.object({
  /** The slot's start, UTC ISO 8601. */
  startsAt: z.string(),
  /** The same instant on the callee's clock, `HH:mm`. */
  localTime: z.string(),
  /** Calls that can still be booked in it (≥ 1). */
  placesLeft: z.number().int(),
});
export type BookableTime = z.infer<typeof bookableTimeSchema>;

/** The answer of `GET /api/availability?date=YYYY-MM-DD&timezone=IANA`. */
export const availabilitySchema = z.object({
  /** The callee's local day asked about, `YYYY-MM-DD`. */
  date: z.string(),
  /** The IANA zone asked about. */
  timezone: z.string(),
  /** The stage's calling hours on the callee's clock, e.g. `08:00–21:00`. */
  callingHours: z.string(),
  /** A call can start now: inside calling hours and the current slot has a place. */
  callNowAvailable: z.boolean(),
  times: z.array(bookableTimeSchema),
});
export type Availability = z.infer<typeof availabilitySchema>;
