import { createdBookingSchema } from './create-booking.ts';

/**
 * The answer of `POST /api/calls/{callId}/recording-purchase` (201): the recording's own
 * PaymentIntent to confirm, in the same shape as a new booking's answer so the site's one
 * Payment form pays both. `amountCents` is the booking's frozen recording price in `currency`;
 * `accessToken` is the booking's own token, unchanged.
 */
export const recordingPurchaseSchema = createdBookingSchema;
export type RecordingPurchase = import('zod').infer<typeof recordingPurchaseSchema>;
