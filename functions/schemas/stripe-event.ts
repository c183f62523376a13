import * as z from 'zod';
import { DomainError } from '../core/errors.ts';
import { describeIssues } from './describe-issues.ts';
import { stripeChargeSchema } from './stripe-charge.ts';
import { stripeIdSchema } from './stripe-id.ts';
import { stripePaymentIntentRefSchema } from './stripe-payment-intent.ts';

/**
 * Our reading of a Stripe webhook event, parsed only after its signature was verified on the
 * raw body. It names what we use and nothing else: Stripe may add fields, change the API
 * version's shape of things we ignore, or send event types we never asked for.
 */
const envelopeSchema = z.object({
  id: stripeIdSchema,
  // Stripe's event types are short dotted names; bounded as the id is.
  type: z.string().min(1).max(255),
  /** Unix seconds, when Stripe made the event (not when it was sent). */
  created: z.number().int().nonnegative(),
});

const paymentIntentEventSchema = envelopeSchema.extend({
  type: z.enum([
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'payment_intent.canceled',
  ]),
  data: z.object({ object: stripePaymentIntentRefSchema }),
});

const chargeRefundedEventSchema = envelopeSchema.extend({
  type: z.literal('charge.refunded'),
  data: z.object({ object: stripeChargeSchema }),
});

/**
 * What we read of each event, for the API's description (`functions/api-docs/`): the event
 * types we act on, and the envelope of any other.
 */
export const stripeEventReadings = [
  paymentIntentEventSchema,
  chargeRefundedEventSchema,
  envelopeSchema,
] as const;

/** The event types whose meaning for a booking we act on; any other is acknowledged and ignored. */
export const handledStripeEventTypes = [
  ...paymentIntentEventSchema.shape.type.options,
  chargeRefundedEventSchema.shape.type.value,
] as const;

export type StripeEvent =
  | (z.infer<typeof paymentIntentEventSchema> & { readonly kind: 'payment_intent' })
  | (z.infer<typeof chargeRefundedEventSchema> & { readonly kind: 'charge' })
  | (z.infer<typeof envelopeSchema> & { readonly kind: 'unhandled' });

/** A correctly signed body that is not a Stripe event we can read: 400, never a 500. */
export class MalformedStripeEventError extends DomainError {
  constructor(detail: string) {
    super('invalid', 'malformed_event', `The Stripe event could not be read: ${detail}.`);
  }
}

/**
 * Reads a verified event body. Throws MalformedStripeEventError naming the first fields that
 * are missing or of the wrong type (`data.object.amount_refunded: expected number`), for the
 * envelope of any event and for the data of the types we handle.
 */
export function parseStripeEvent(json: unknown): StripeEvent {
  const envelope = read(envelopeSchema, json);
  switch (envelope.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled':
      return { ...read(paymentIntentEventSchema, json), kind: 'payment_intent' };
    case 'charge.refunded':
      return { ...read(chargeRefundedEventSchema, json), kind: 'charge' };
    default:
      return { ...envelope, kind: 'unhandled' };
  }
}

function read<Schema extends z.ZodType>(schema: Schema, json: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new MalformedStripeEventError(describeIssues(parsed.error, 3));
}

/** `data.object.amount: expected number, received undefined; id: …` — at most three. */
