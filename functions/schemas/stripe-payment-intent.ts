import * as z from 'zod';
import { stripeIdSchema, stripeMetadataValueSchema } from './stripe-id.ts';

/**
 * Our reading of a Stripe PaymentIntent — in `payment_intent.*` events and in the answer to
 * `GET /v1/payment_intents/{id}`. It names only what we use; every other field may be missing,
 * renamed or new. Amounts are integers in the currency's minor unit, as Stripe sends them;
 * currencies are lower-case ISO 4217 codes.
 */
export const stripePaymentIntentSchema = z.object({
  id: stripeIdSchema,
  /** `succeeded` is the only status that means the money was taken. */
  status: z.string().min(1),
  amount: z.number().int().nonnegative(),
  currency: z.string().min(1),
  /** Our booking id, set when the intent was created; absent on intents that are not ours. */
  metadata: z
    .object({
      bookingId: stripeMetadataValueSchema.optional(),
      /** `recording` on a recording bought after the call; absent on the booking's own intent. */
      purpose: stripeMetadataValueSchema.optional(),
    })
    .nullish()
    .transform((metadata) => metadata ?? {}),
  /** Why the last attempt failed (a card decline code), when it did. */
  last_payment_error: z.object({ code: z.string().nullish() }).nullish(),
});

export type StripePaymentIntent = z.infer<typeof stripePaymentIntentSchema>;

/**
 * The part of a `payment_intent.*` event object we rely on before re-reading the intent from
 * Stripe: which intent, and which booking it says it is for.
 */
export const stripePaymentIntentRefSchema = stripePaymentIntentSchema.pick({
  id: true,
  metadata: true,
  last_payment_error: true,
});

export type StripePaymentIntentRef = z.infer<typeof stripePaymentIntentRefSchema>;

/**
 * The personal fields an erase looks at on a PaymentIntent (`GET /v1/payment_intents/{id}`):
 * every metadata key (not only ours) and the receipt email. Tolerant: both may be missing.
 */
export const stripePaymentIntentPersonalSchema = z.object({
  metadata: z.record(z.string(), z.string()).nullish(),
  receipt_email: z.string().nullish(),
});
