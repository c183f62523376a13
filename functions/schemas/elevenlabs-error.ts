import * as z from 'zod';

/**
 * An ElevenLabs error body: `{ detail: { status, message } }`, or FastAPI's
 * `{ detail: [ … ] }` for a 422, or anything else. Only `detail.status` is read (e.g.
 * `too_many_concurrent_requests`), and never required: an error is an error without it.
 */
export const elevenLabsErrorBodySchema = z.object({
  detail: z.object({ status: z.string().min(1) }),
});

/** `detail.status` of an error body, when it has one. */
export function elevenLabsDetailStatus(body: unknown): string | undefined {
  const parsed = elevenLabsErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.detail.status : undefined;
}
