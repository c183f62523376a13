import * as z from 'zod';
import { bookableTimeSchema } from './availability.ts';

/**
 * Every 4xx/5xx answer of the API: `{ error: { code, message, fields?, … } }`. `message` is
 * written for a person; `fields` names the request fields to fix (validation, 400);
 * `placesLeft` (0) and `nearestFreeTimes` come with `slot_full` and `no_line_free` (409).
 */
export const errorBodySchema = z.object({
  error: z.object({
    /** Stable and machine-readable, e.g. `validation_failed`, `not_found`, `slot_full`. */
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** What is left at the time asked for: 0 with a 409 about a full time. */
    placesLeft: z.number().int().optional(),
    nearestFreeTimes: z.array(bookableTimeSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
