import * as z from 'zod';

/** The answer of `GET /api/health`: 200 `ok` when the table and every bucket answer, else 503. */
export const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']) });
export type Health = z.infer<typeof healthSchema>;
