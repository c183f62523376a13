import * as z from 'zod';

/**
 * One bookable instant (every 5 minutes): `GET /api/availability` lists them; a full
 * instant's 409 suggests some.
 */
export const bookableTimeSchema = z.object({
  /** The instant the call starts, UTC ISO 8601. */
  startsAt: z.string(),
  /** The same instant on the callee's clock, `HH:mm`. */
  localTime: z.string(),
  /** Calls that can still be booked at it (≥ 1): what the lines can start then, less those sold. */
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
  /**
   * A call can start now: inside calling hours, a line is free this moment with no due call
   * waiting for one, and the next instant (through which the call holds its line) has a place.
   */
  callNowAvailable: z.boolean(),
  times: z.array(bookableTimeSchema),
  /**
   * The callee's local days calls can be booked on now, `YYYY-MM-DD`, both included
   * (`functions/core/booking-window.ts`): a day outside has no times because of the window.
   */
  window: z.object({ firstDate: z.string(), lastDate: z.string() }),
});
export type Availability = z.infer<typeof availabilitySchema>;
