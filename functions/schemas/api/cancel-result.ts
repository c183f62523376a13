import * as z from 'zod';
import { bookingViewSchema } from './booking-view.ts';

/**
 * The answer of `POST /api/calls/{callId}/cancel`: the booking as it now is, whether the money
 * went back, and — for a paid call cancelled too late — why it did not.
 */
export const cancelResultSchema = bookingViewSchema.extend({
  refunded: z.boolean(),
  refundNote: z.string().optional(),
});
export type CancelResult = z.infer<typeof cancelResultSchema>;
