import { refundRecordingPayment } from '../adapters/payments.ts';
import {
  decideRecordingPayment,
  type RecordingPaymentOutcome,
} from '../core/recording-purchase.ts';
import { appendAuditEvent } from '../data/audit-trail.ts';
import { changeBooking, findBooking, StaleBookingError } from '../data/bookings.ts';
import type { StripePaymentIntent } from '../schemas/stripe-payment-intent.ts';
import { logger } from '../shared/logger.ts';
import { startVideoRun } from './video-run.ts';

const staleRetries = 5;

/**
 * Applies a recording PaymentIntent **re-read from Stripe** (metadata `purpose: 'recording'`):
 * marks the recording bought (`purchaseRecording`, `videoStatus: pending`,
 * `recordingPaymentIntentId`, `recordingPaidAt`, audit `recording_purchased`) in one
 * version-checked write, then starts the video's render (`startVideoRun`).
 *
 * Idempotent: a second delivery finds the intent applied and only starts the run again
 * (itself idempotent); if the run could not start, the error propagates, the webhook answers
 * 5xx and Stripe's retry starts it. A payment that cannot be honoured (data erased meanwhile,
 * bought twice) is refunded in full before its audit event is written.
 *
 * @returns what was done, or `no_booking`
 * @throws PaymentProviderError when the refund could not reach Stripe; whatever
 *   `startVideoRun` throws
 */
export async function applyRecordingPayment(
  bookingId: string,
  intent: StripePaymentIntent,
  now = new Date(),
): Promise<RecordingPaymentOutcome | 'no_booking'> {
  for (let attempt = 0; ; attempt++) {
    const booking = await findBooking(bookingId);
    if (!booking) return 'no_booking';
    const decision = decideRecordingPayment(booking, intent, now);
    try {
      switch (decision.outcome) {
        case 'record':
          for (const event of decision.events) await appendAuditEvent(bookingId, event, now);
          break;
        case 'refund': {
          const refundId = await refundRecordingPayment(bookingId, intent.id);
          for (const event of decision.events) {
            await appendAuditEvent(bookingId, { ...event, detail: { ...event.detail, refundId } });
          }
          break;
        }
        case 'mark_bought': {
          const [event] = decision.events;
          if (!event) throw new Error('A recording purchase was decided without its event.');
          await changeBooking(booking, decision.changes, event);
          const bought = await findBooking(bookingId);
          if (bought) await startVideoRun(bought, 'purchase');
          break;
        }
        case 'finish_bought':
          await startVideoRun(booking, 'purchase');
          break;
      }
      logger.info('recording payment applied', {
        bookingId,
        paymentIntentId: intent.id,
        outcome: decision.outcome,
        ...(decision.reason ? { reason: decision.reason } : {}),
      });
      return decision.outcome;
    } catch (error) {
      if (!(error instanceof StaleBookingError) || attempt >= staleRetries) throw error;
    }
  }
}
