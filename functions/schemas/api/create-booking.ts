import * as z from 'zod';

/**
 * The answer of `POST /api/calls` (201): the booking, its Stripe PaymentIntent and the access
 * token for the parent's pages. `amountCents` is the price frozen on the booking, in minor
 * units of `currency`: what the payment form must show.
 */
export const createdBookingSchema = z.object({
  callId: z.string(),
  /** The PaymentIntent's client secret: Stripe.js (or the emulator form) confirms with it. */
  clientSecret: z.string(),
  paymentIntentId: z.string(),
  /** `Authorization: Bearer <accessToken>` for `GET/PATCH /api/calls/{callId}` and cancel. */
  accessToken: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
});
export type CreatedBooking = z.infer<typeof createdBookingSchema>;
