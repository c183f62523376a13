import * as z from 'zod';

/** Our reading of the answer to `POST /v1/refunds`: which refund, how much, and its state. */
export const stripeRefundSchema = z.object({
  id: z.string().min(1),
  /** Minor units of the charge's currency. */
  amount: z.number().int().nonnegative(),
  /** `succeeded`, `pending` (some methods take days), `failed`, `canceled`, … */
  status: z.string().nullish(),
});

export type StripeRefund = z.infer<typeof stripeRefundSchema>;
