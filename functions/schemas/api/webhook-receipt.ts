import * as z from 'zod';

/**
 * The answer of the providers' webhooks (`POST /api/webhooks/{stripe,elevenlabs,remotion}`),
 * 200: the event was taken. `duplicate` — already handled (replay or retry); `ignored` — a type
 * or render nobody acts on; `kept` — an ElevenLabs outcome kept for the dial step that has not
 * parked its token yet; `settled` — what a Remotion report did to its render.
 */
export const webhookReceiptSchema = z.object({
  received: z.literal(true),
  duplicate: z.literal(true).optional(),
  ignored: z.literal(true).optional(),
  kept: z.literal(true).optional(),
  settled: z.enum(['settled', 'already_settled']).optional(),
});
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
