import * as z from 'zod';
import { stripeIdSchema, stripeMetadataValueSchema } from './stripe-id.ts';

/**
 * Our reading of a Stripe Charge, as `charge.refunded` carries it. A partial refund sends the
 * same event with `refunded: false` and `amount_refunded < amount`; `amount_refunded` is the
 * running total of every refund on the charge, in the currency's minor unit.
 */
export const stripeChargeSchema = z.object({
  id: stripeIdSchema,
  amount: z.number().int().nonnegative(),
  amount_refunded: z.number().int().nonnegative(),
  /** True once the charge is refunded in full. */
  refunded: z.boolean(),
  /** The intent the charge paid: an id, or the expanded object. */
  payment_intent: z
    .union([stripeIdSchema, z.object({ id: stripeIdSchema })])
    .nullish()
    .transform((intent) => (typeof intent === 'string' ? intent : intent?.id)),
  metadata: z
    .object({ bookingId: stripeMetadataValueSchema.optional() })
    .nullish()
    .transform((metadata) => metadata ?? {}),
});

export type StripeCharge = z.infer<typeof stripeChargeSchema>;
