import * as z from 'zod';

/**
 * The Remotion Lambda webhook body, read tolerantly: only what we use. Remotion
 * (@remotion/serverless `handlers/launch.js`, 4.0.527) posts
 * `{ type: 'success' | 'error' | 'timeout', renderId, bucketName, expectedBucketOwner,
 * customData, outputFile?, outputUrl?, lambdaErrors?, errors?, timeToFinish?, costs? }`;
 * `errors` (`[{ message, name, stack }]`) comes with `type: 'error'` only. Every other field
 * may be missing or new.
 *
 * `customData` is what the render task sent (`{ bookingId, attempt, startedAt }`; ≤ 1 KB by
 * Remotion's limit): `attempt` is a positive integer, `startedAt` an ISO 8601 instant.
 */
export const remotionWebhookSchema = z.object({
  type: z.enum(['success', 'error', 'timeout']),
  // Remotion's render ids are short; ours are ULIDs. Bounded, so nothing odd reaches the table.
  renderId: z.string().min(1).max(128),
  customData: z.object({
    bookingId: z.string().min(1).max(64),
    attempt: z.number().int().positive().max(1000),
    startedAt: z.iso.datetime({ offset: true }),
  }),
  errors: z.array(z.unknown()).nullish(),
});
export type RemotionWebhook = z.infer<typeof remotionWebhookSchema>;

/** The webhook types we act on. */
export type RemotionWebhookType = RemotionWebhook['type'];
