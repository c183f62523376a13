import { z } from 'zod';
import type { EmulatorEvent } from './store.ts';

/** The API operations a fault can be aimed at, named as stripe-node names the calls. */
export const stripeOperations = [
  'payment_intents.create',
  'payment_intents.retrieve',
  'payment_intents.confirm',
  'payment_intents.update',
  'payment_intents.cancel',
  'refunds.create',
  'refunds.retrieve',
  'charges.retrieve',
  'events.retrieve',
] as const;
export type StripeOperation = (typeof stripeOperations)[number];

/**
 * A fault for the next `times` requests of an operation:
 * - `server_error`: HTTP 500 with Stripe's `api_error` body; nothing is done;
 * - `rate_limited`: HTTP 429 with Stripe's `rate_limit` body (stripe-node does not retry it);
 * - `hang`: no answer for `hangMs` (default 60 s, past any sensible client timeout); the
 *   request is not carried out, and the connection is closed at the end.
 */
export const apiFaultSchema = z.object({
  operation: z.enum(stripeOperations),
  kind: z.enum(['server_error', 'rate_limited', 'hang']),
  times: z.number().int().min(1).max(1000).default(1),
  hangMs: z.number().int().min(0).max(600_000).optional(),
});
export type ApiFault = z.infer<typeof apiFaultSchema>;
export type ApiFaultInput = z.input<typeof apiFaultSchema>;

/**
 * A fault for the next `times` webhooks that match (`eventType`, and `objectId`: the event's
 * object, or for a charge event its payment intent):
 * - `drop`: never delivered (as when Stripe gives up), not even after a restart;
 * - `duplicate`: delivered twice, as two independent deliveries of the same event;
 * - `reorder`: held back until the next webhook has been sent (or `holdMs`, default 5 s);
 * - `delay`: sent `delaySeconds` late; signed when sent (as Stripe signs each attempt), or
 *   with the event's creation time when `signAt` is `created` (a stale signature).
 */
export const webhookFaultSchema = z.object({
  kind: z.enum(['drop', 'duplicate', 'reorder', 'delay']),
  times: z.number().int().min(1).max(1000).default(1),
  eventType: z.string().min(1).optional(),
  objectId: z.string().min(1).optional(),
  delaySeconds: z.number().min(0).max(3600).default(0),
  signAt: z.enum(['send', 'created']).default('send'),
  holdMs: z.number().int().min(0).max(60_000).default(5000),
});
export type WebhookFault = z.infer<typeof webhookFaultSchema>;
export type WebhookFaultInput = z.input<typeof webhookFaultSchema>;

/** `POST /_emulator/faults`: faults to add to the queues, in order. */
export const faultRequestSchema = z.object({
  api: z.array(apiFaultSchema).default([]),
  webhooks: z.array(webhookFaultSchema).default([]),
});
export type FaultRequest = z.input<typeof faultRequestSchema>;

/** `POST /_emulator/webhooks`: an arbitrary body, signed and posted to the webhook URL once. */
export const signedPostSchema = z.object({
  payload: z.string(),
  /** Unix seconds to sign with (default now): in the past or the future to test tolerance. */
  timestamp: z.number().int().optional(),
  /** Sign with another secret (default the emulator's). */
  secret: z.string().min(1).optional(),
});
export type SignedPost = z.infer<typeof signedPostSchema>;

/**
 * The faults queued for the emulator. Kept in memory only: a restart clears them, which is
 * what a test wants. Each request or webhook takes at most one fault, the oldest that matches.
 */
export class FaultQueue {
  private readonly api: ApiFault[] = [];
  private readonly webhooks: WebhookFault[] = [];

  add(request: FaultRequest): void {
    const parsed = faultRequestSchema.parse(request);
    this.api.push(...parsed.api);
    this.webhooks.push(...parsed.webhooks);
  }

  clear(): void {
    this.api.length = 0;
    this.webhooks.length = 0;
  }

  pending(): { api: readonly ApiFault[]; webhooks: readonly WebhookFault[] } {
    return { api: structuredClone(this.api), webhooks: structuredClone(this.webhooks) };
  }

  takeApiFault(operation: StripeOperation): ApiFault | undefined {
    return take(this.api, (fault) => fault.operation === operation);
  }

  takeWebhookFault(event: EmulatorEvent): WebhookFault | undefined {
    const object = event.data.object as { id?: string; payment_intent?: unknown };
    const ids = [object.id, typeof object.payment_intent === 'string' ? object.payment_intent : ''];
    return take(
      this.webhooks,
      (fault) =>
        (fault.eventType === undefined || fault.eventType === event.type) &&
        (fault.objectId === undefined || ids.includes(fault.objectId)),
    );
  }
}

/** Uses one of the first matching fault's `times`, removing it when none are left. */
function take<Fault extends { times: number }>(
  queue: Fault[],
  matches: (fault: Fault) => boolean,
): Fault | undefined {
  const index = queue.findIndex(matches);
  const fault = queue[index];
  if (!fault) return undefined;
  if (fault.times <= 1) queue.splice(index, 1);
  else queue[index] = { ...fault, times: fault.times - 1 };
  return { ...fault, times: 1 };
}
