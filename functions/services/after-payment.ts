import { deleteBookingSchedule } from '../adapters/booking-workflow-starter.ts';
import { notifyPaidBooking } from '../adapters/discord-notifier.ts';
import { refundPayment } from '../adapters/payments.ts';
import {
  decidePayment,
  type PaymentDecision,
  type PaymentFact,
  type PaymentOutcome,
} from '../core/payment-events.ts';
import { type AuditEvent, appendAuditEvent, auditEventTransaction } from '../data/audit-trail.ts';
import {
  type Booking,
  ConflictingWriteError,
  changeBooking,
  findBooking,
  StaleBookingError,
} from '../data/bookings.ts';
import { confirmPlaceTransaction, forcePlaceTransactions, givePlaceBack } from '../data/slots.ts';
import { sendBookingEmailOnce } from '../email/send-once.ts';
import type { StripePaymentIntent } from '../schemas/stripe-payment-intent.ts';
import { logger } from '../shared/logger.ts';
import { countMetric, metricNames } from '../shared/metrics.ts';
import { armCall } from './arm-call.ts';
import { bookingEmails } from './booking-emails.ts';
import { callCalendarAttachment, sendOwedChangeEmail } from './change-emails.ts';
import { type SiteLinks, siteLinks } from './links.ts';

/** How often a payment fact is re-decided when another request changed the booking first. */
const staleRetries = 5;

/**
 * Marks a booking paid from a PaymentIntent **re-read from Stripe** (never from a webhook
 * body): only when the intent succeeded, names this booking and charged exactly the booking's
 * frozen price; then arms the call and sends the confirmation once. A payment that lands after
 * the parent cancelled is refunded at once and confirms nothing. Anything else is recorded in
 * the audit trail and leaves the booking as it was.
 *
 * The one entry point for "Stripe says this intent succeeded": the Stripe webhook, the cancel
 * handler (an intent that succeeded before its webhook came) and the reconciler (webhooks
 * lost) all call it. Idempotent: every step is safe to repeat, and a repeat after a crash
 * finishes what the first left undone.
 *
 * @param bookingId the booking the caller believes the intent is for (its `metadata.bookingId`)
 * @param intent `retrievePaymentIntent(id)` from `functions/adapters/payments.ts`
 * @returns what was done (`mark_paid`, `finish_paid`, `refund_late_payment`, `record` when the
 *   intent does not match, `ignore`), or `no_booking`
 * @throws PaymentProviderError when a refund could not reach Stripe (retry later); the
 *   data layer's errors when DynamoDB fails
 */
export function applyPaymentSucceeded(
  bookingId: string,
  intent: StripePaymentIntent,
  now = new Date(),
): Promise<PaymentOutcome | 'no_booking'> {
  return applyPaymentFact(bookingId, { type: 'payment_succeeded', intent }, now);
}

/**
 * Loads the booking, decides what the fact means for it (`decidePayment`) and applies that;
 * when another request changed the booking meanwhile, loads it again and decides again, so
 * whichever of a cancel and a payment lands second sees the other.
 */
export async function applyPaymentFact(
  bookingId: string,
  fact: PaymentFact,
  now = new Date(),
): Promise<PaymentOutcome | 'no_booking'> {
  for (let attempt = 0; ; attempt++) {
    const booking = await findBooking(bookingId);
    if (!booking) return 'no_booking';
    const decision = decidePayment(booking, fact, now);
    try {
      await applyDecision(booking, decision, fact, now);
      logger.info('payment fact applied', {
        bookingId,
        fact: fact.type,
        outcome: decision.outcome,
        ...(decision.reason ? { reason: decision.reason } : {}),
      });
      // Counted once per booking: only the write that marks it paid decides `mark_paid`; a
      // repeated event finds it paid and decides otherwise.
      if (decision.outcome === 'mark_paid') countMetric(metricNames.bookingsPaid);
      if (decision.outcome === 'refund_late_payment') {
        // Paid after the cancel, refunded at once: the "cancelled" email the cancel recorded
        // (owed only to a parent who paid) is owed now. Once; never throws.
        const refunded = await findBooking(bookingId);
        if (refunded) await sendOwedChangeEmail(refunded, now);
      }
      return decision.outcome;
    } catch (error) {
      if (!(error instanceof StaleBookingError) || attempt >= staleRetries) throw error;
    }
  }
}

async function applyDecision(
  booking: Booking,
  decision: PaymentDecision,
  fact: PaymentFact,
  now: Date,
): Promise<void> {
  const { effects } = decision;
  if (decision.outcome === 'ignore') return;
  if (decision.outcome === 'record') {
    for (const event of decision.events) await appendAuditEvent(booking.bookingId, event, now);
    return;
  }
  if (decision.outcome === 'finish_paid') {
    await runAfterPaid(booking.bookingId, now, {
      confirm: decision.effects.includes('send_confirmation'),
      announce: false,
    });
    return;
  }
  let events = decision.events;
  if (effects.includes('refund_payment')) {
    const paymentIntentId = fact.type === 'payment_succeeded' ? fact.intent.id : undefined;
    if (!paymentIntentId) throw new Error('A refund was decided without a PaymentIntent.');
    // Before the change: if the refund fails nothing is written, and Stripe's retry tries again.
    const refundId = await refundPayment(booking.bookingId, paymentIntentId);
    events = events.map((event) =>
      event.type === 'payment_refunded'
        ? { ...event, detail: { ...event.detail, refundId } }
        : event,
    );
  }
  if (effects.includes('delete_schedule')) await deleteBookingSchedule(booking.bookingId);
  // The trail is ordered by time: the earlier events carry the decision's time, the last one
  // the write's (changeBooking stamps it), which is later.
  const first = events.at(-1) as AuditEvent;
  const alongside = events
    .slice(0, -1)
    .map((event, index) =>
      auditEventTransaction(booking.bookingId, event, new Date(now.getTime() + index)),
    );
  if (effects.includes('confirm_place')) {
    try {
      await changeBooking(
        booking,
        decision.changes,
        first,
        ...alongside,
        confirmPlaceTransaction(booking.slotStart, booking.bookingId),
      );
    } catch (error) {
      if (!(error instanceof ConflictingWriteError)) throw error;
      // The unpaid hold expired and was given away; a paid call still gets its place.
      await changeBooking(
        booking,
        decision.changes,
        { ...first, detail: { ...first.detail, place: 'retaken' } },
        ...alongside,
        ...forcePlaceTransactions(booking.slotStart, booking.bookingId),
      );
    }
  } else {
    await changeBooking(booking, decision.changes, first, ...alongside);
  }
  if (effects.includes('give_place_back')) {
    await givePlaceBack(booking.slotStart, booking.bookingId);
  }
  if (effects.includes('arm_call')) {
    await runAfterPaid(booking.bookingId, now, {
      confirm: effects.includes('send_confirmation'),
      announce: effects.includes('announce_paid'),
    });
  }
}

/**
 * After a booking is paid: arm the call, send the confirmation once (when the decision owes
 * it), tell the team (when it says so). Reads the
 * booking fresh and does nothing to one that is cancelled; if a cancellation lands while the
 * call is being armed, the schedule just made is deleted again (the cancel deletes it too,
 * after its own write, so either order ends with no schedule).
 */
async function runAfterPaid(
  bookingId: string,
  now: Date,
  { confirm, announce }: { confirm: boolean; announce: boolean },
): Promise<void> {
  const booking = await findBooking(bookingId);
  if (booking?.paymentStatus !== 'paid' || booking.callStatus === 'cancelled') return;
  await armCall(booking, now);
  const armed = await findBooking(bookingId);
  if (armed?.callStatus === 'cancelled') {
    if (!armed.callNow) await deleteBookingSchedule(bookingId);
    return;
  }
  if (confirm) await confirmOrLeaveToReconciler(booking, now);
  if (announce) await announcePaidBooking(booking);
}

/**
 * Sends the confirmation once; when sending fails (SES refuses, throttles, is down) after the
 * call is armed, records `confirmation_email_failed` and returns instead of throwing: a throw
 * would fail the Stripe webhook, and Stripe would retry it for days although the payment is
 * applied. The confirmation's claim is released by `sendBookingEmailOnce`, so the booking
 * stays "paid, armed, no confirmation" — exactly what the reconciler resends
 * (`functions/core/reconcile.ts`, `confirm`). Safe to repeat: the claim sends it at most once.
 */
async function confirmOrLeaveToReconciler(booking: Booking, now: Date): Promise<void> {
  try {
    await sendConfirmationOnce(booking, await siteLinks(), now);
  } catch (error) {
    const errorName = error instanceof Error ? error.name : 'unknown';
    logger.warn('confirmation email failed; the reconciler resends it', {
      bookingId: booking.bookingId,
      error: errorName,
    });
    await appendAuditEvent(booking.bookingId, {
      type: 'confirmation_email_failed',
      detail: { error: errorName, retriedBy: 'reconciler' },
    });
  }
}

/**
 * The booking confirmation, sent once and never to a cancelled booking (see
 * sendBookingEmailOnce), with the call's calendar file ("Add to calendar") attached.
 */
export async function sendConfirmationOnce(
  booking: Booking,
  links: SiteLinks,
  now: Date,
): Promise<void> {
  if (booking.confirmationEmailSentAt) return;
  await sendBookingEmailOnce(
    booking,
    'confirmationEmailSentAt',
    'bookingConfirmation',
    { ...bookingEmails.bookingConfirmation(booking, links), calendarAttached: true },
    now,
    [await callCalendarAttachment(booking, now)],
  );
}

/** Tells the team's Discord about a paid booking, personal data masked; never fails. */
async function announcePaidBooking(booking: Booking): Promise<void> {
  await notifyPaidBooking({
    bookingId: booking.bookingId,
    childName: booking.childName,
    parentEmail: booking.parentEmail,
    phoneNumber: booking.phoneNumber,
    amountCents: booking.totalCents,
    currency: booking.currency,
    callAtUtc: booking.scheduledAt,
    ...(booking.affiliateSlug ? { affiliateSlug: booking.affiliateSlug } : {}),
  });
}
