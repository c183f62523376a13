import { z } from 'zod';
import { refundPayment } from '../adapters/payments.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import type { CallStatus } from '../core/booking-status.ts';
import {
  type Booking,
  BookingOvertakenError,
  changeBookingFromWorkflow,
  findBooking,
} from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { logger } from '../shared/logger.ts';
import { callOutcomes, retryableOutcomes, runInput } from './run-input.ts';

const config = loadWorkflowConfig();
const finishInput = runInput.extend({
  outcome: z.enum(callOutcomes),
  error: z.string().optional(),
});

const finalStatuses: readonly CallStatus[] = ['completed', 'failed', 'no_answer', 'cancelled'];

/**
 * Ends a call that never reached the child: the booking becomes `no_answer` (every retry met a
 * busy line, no answer or voicemail) or `failed`, the payment is refunded — the call never
 * connected — and the parent is told what happened and what comes next. Each part is
 * idempotent, so the step can be retried; an overtaken run changes nothing.
 */
export async function handler(event: unknown) {
  const { bookingId, version, outcome, error } = finishInput.parse(event);
  const booking = await findBooking(bookingId);
  if (!booking || booking.version !== version || booking.callStatus === 'cancelled') {
    return { finished: false };
  }
  const finalStatus: CallStatus = retryableOutcomes.includes(outcome) ? 'no_answer' : 'failed';
  let current: Booking = booking;
  try {
    if (!finalStatuses.includes(booking.callStatus)) {
      await changeBookingFromWorkflow(
        booking,
        version,
        { callStatus: finalStatus },
        {
          type: finalStatus === 'no_answer' ? 'call_not_answered' : 'call_failed',
          detail: { outcome, attempts: String(booking.attempts), ...(error ? { error } : {}) },
        },
      );
      current = { ...booking, callStatus: finalStatus };
    }
    if (current.callStatus === 'completed') return { finished: false };
    if (current.paymentStatus === 'paid' && current.paymentIntentId) {
      const refundId = await refundPayment(bookingId, current.paymentIntentId);
      await changeBookingFromWorkflow(
        current,
        version,
        {
          paymentStatus: 'refunded',
          refundedAt: new Date().toISOString(),
        },
        { type: 'payment_refunded', detail: { refundId, reason: 'call_not_completed' } },
      );
      current = { ...current, paymentStatus: 'refunded' };
    }
  } catch (caught) {
    if (caught instanceof BookingOvertakenError) return { finished: false };
    throw caught;
  }
  await sendBookingEmailOnce(current, 'notCompletedEmailSentAt', 'callNotCompleted', {
    childName: current.childName,
    reason: current.callStatus === 'no_answer' ? 'no_answer' : 'failed',
    attempts: current.attempts,
    refunded: current.paymentStatus === 'refunded',
    amountCents: current.totalCents,
    currency: current.currency,
    bookAgainUrl: `${config.publicSiteUrl}/book`,
  });
  logger.info('call not completed', { bookingId, status: current.callStatus });
  return { finished: true };
}
