import { refundPayment } from '../adapters/payments.ts';
import { loadBookingConfig } from '../config/booking-config.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { refundedInFull } from '../core/booking.ts';
import { type CallStatus, isFinalCallStatus } from '../core/booking-status.ts';
import { isRetryableOutcome } from '../core/call-outcome.ts';
import {
  type Booking,
  BookingOvertakenError,
  changeBookingFromWorkflow,
  findBooking,
} from '../data/bookings.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import { bookingEmails } from '../services/booking-emails.ts';
import { logger } from '../shared/logger.ts';
import { countMetricBy, metricNames } from '../shared/metrics.ts';
import { workflowTask } from './task.ts';

const config = loadWorkflowConfig();
const { rules } = loadBookingConfig();

/**
 * Ends a call that never reached the child: the booking becomes `no_answer` (every attempt met
 * a busy line, no answer or voicemail) or `failed`, with the reason recorded; the payment is
 * refunded — the call never connected — and the parent is told what happened and why.
 * Idempotent: the status moves once (conditional write), the refund carries an idempotency key
 * per booking, and the email is claimed once; an overtaken run changes nothing.
 */
export const handler = workflowTask(
  'FinishUnsuccessfulCall',
  async ({ bookingId, version, outcome, reason, error }) => {
    const booking = await findBooking(bookingId);
    if (!booking || booking.version !== version || booking.callStatus === 'cancelled') return {};
    if (booking.callStatus === 'completed') return {};
    const finalStatus: CallStatus =
      isRetryableOutcome(outcome) && booking.attempts > 0 ? 'no_answer' : 'failed';
    let current: Booking = booking;
    try {
      if (!isFinalCallStatus(booking.callStatus)) {
        await changeBookingFromWorkflow(
          booking,
          version,
          { callStatus: finalStatus, endReason: reason },
          {
            type: finalStatus === 'no_answer' ? 'call_not_answered' : 'call_failed',
            detail: {
              outcome,
              reason,
              attempts: String(booking.attempts),
              ...(error ? { error } : {}),
            },
          },
          { expectUnchangedStatus: true },
        );
        current = { ...booking, callStatus: finalStatus, endReason: reason };
        // Once per booking: only the run whose conditional write moved the status counts.
        countMetricBy(metricNames.callsFailed, 'outcome', outcome);
      }
      if (current.paymentStatus === 'paid' && current.paymentIntentId) {
        const refundId = await refundPayment(bookingId, current.paymentIntentId);
        const refund = refundedInFull(
          current,
          { refundId, reason: 'call_not_completed' },
          new Date(),
        );
        await changeBookingFromWorkflow(current, version, refund.changes, refund.event);
        current = { ...current, ...refund.changes };
      }
    } catch (caught) {
      if (caught instanceof BookingOvertakenError) return {};
      throw caught;
    }
    await sendBookingEmailOnce(
      current,
      'notCompletedEmailSentAt',
      'callNotCompleted',
      bookingEmails.callNotCompleted(current, rules, config),
    );
    logger.info('call not completed', { bookingId, status: current.callStatus, reason });
    return {};
  },
);
