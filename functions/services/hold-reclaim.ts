import { cancelPaymentIntent, retrievePaymentIntent } from '../adapters/payments.ts';
import { findBooking } from '../data/bookings.ts';
import { expiredHolds, reclaimHold } from '../data/slots.ts';
import { logger } from '../shared/logger.ts';

/**
 * Gives back the places of unpaid bookings whose 30-minute hold ran out, at one full instant.
 * The booking's PaymentIntent is cancelled first: a parent still on the payment page can then
 * no longer pay for a place that went to someone else (a payment that lands first keeps the
 * place). A hold whose intent cannot be cancelled (paid, processing, or Stripe unreachable)
 * is kept. Idempotent: a place already given back, or an intent already cancelled, is fine.
 *
 * @returns how many places were given back
 */
export async function reclaimExpiredPlaces(slotStart: string, now: Date): Promise<number> {
  let reclaimed = 0;
  for (const bookingId of await expiredHolds(slotStart, now)) {
    const booking = await findBooking(bookingId);
    const intentId = booking?.paymentIntentId;
    if (intentId && !(await intentCancelled(intentId))) {
      logger.info('expired hold kept: its payment could not be cancelled', { bookingId });
      continue;
    }
    if (await reclaimHold(slotStart, bookingId, now)) reclaimed += 1;
  }
  return reclaimed;
}

async function intentCancelled(paymentIntentId: string): Promise<boolean> {
  try {
    if (await cancelPaymentIntent(paymentIntentId)) return true;
    // Refused: cancelled already (fine), or paid / in progress (the place is the payer's).
    return (await retrievePaymentIntent(paymentIntentId))?.status === 'canceled';
  } catch {
    return false;
  }
}
