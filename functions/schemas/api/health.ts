import * as z from 'zod';

/**
 * The answer of `GET /api/health`: 200 `ok` when the table and every bucket answer and every
 * secret holds real, well-formed values; else 503 `unavailable` with `problems`, the names of
 * what is not ready (`table`, `bucket:<id>`, `secret:<name>`) — names only, never a value.
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  problems: z.array(z.string()).optional(),
});
export type Health = z.infer<typeof healthSchema>;
