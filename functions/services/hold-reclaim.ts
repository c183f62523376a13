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
    if (await reclaimExpiredPlace(slotStart, bookingId, booking?.paymentIntentId, now)) {
      reclaimed += 1;
    }
  }
  return reclaimed;
}

/**
 * One booking's expired unpaid place, given back as above (the reconciler calls it for every
 * unpaid booking past its hold, so abandoned checkouts return their places within minutes even
 * when nobody asks for that time again).
 *
 * @returns whether the place was given back now
 */
export async function reclaimExpiredPlace(
  slotStart: string,
  bookingId: string,
  paymentIntentId: string | undefined,
  now: Date,
): Promise<boolean> {
  if (paymentIntentId && !(await intentCancelled(paymentIntentId))) {
    logger.info('expired hold kept: its payment could not be cancelled', { bookingId });
    return false;
  }
  return reclaimHold(slotStart, bookingId, now);
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
