import type { AuditEvent, BookingFieldChanges, BookingRecord } from './booking.ts';
import { isChangeable } from './booking-status.ts';

/** What a booking must show for the payment rules; a stored booking has all of it. */
export type PaymentBooking = Pick<
  BookingRecord,
  | 'bookingId'
  | 'callStatus'
  | 'paymentStatus'
  | 'callNow'
  | 'totalCents'
  | 'currency'
  | 'paymentIntentId'
  | 'amountRefundedCents'
  | 'recordingPaymentIntentId'
>;

/**
 * A PaymentIntent as Stripe reports it when re-read (our schema of Stripe's answer gives this):
 * amounts in the currency's minor unit, the currency in lower case.
 */
export interface PaymentIntentFacts {
  readonly id: string;
  /** `succeeded` is the only status that means the money was taken. */
  readonly status: string;
  readonly amount: number;
  readonly currency: string;
  readonly metadata: { readonly bookingId?: string | undefined };
}

/**
 * A fact about a booking's payment, in our words. `payment_succeeded` carries the intent as
 * re-read from Stripe, never as a webhook body claimed it; the others come from verified events.
 * Amounts are in the currency's minor unit.
 */
export type PaymentFact =
  | { readonly type: 'payment_succeeded'; readonly intent: PaymentIntentFacts }
  | {
      readonly type: 'payment_failed';
      readonly paymentIntentId: string;
      readonly code?: string | undefined;
    }
  | { readonly type: 'payment_canceled'; readonly paymentIntentId: string }
  | {
      readonly type: 'charge_refunded';
      readonly paymentIntentId: string;
      /** What the charge took. */
      readonly amountCents: number;
      /** Every refund on the charge so far, added up (Stripe's `amount_refunded`). */
      readonly amountRefundedCents: number;
      /** Stripe's own "refunded in full" flag. */
      readonly refunded: boolean;
    };

/**
 * What applying the decision does besides the booking change, in this order:
 * - `refund_payment`: refund what is left of the payment (before the change is written);
 * - `delete_schedule`: delete the booking's Scheduler entry (before the change);
 * - `confirm_place`: confirm the held place in the slot (in the change's transaction);
 * - `give_place_back`, `arm_call`, `send_confirmation`, `announce_paid`: after the change.
 */
export type PaymentEffect =
  | 'refund_payment'
  | 'delete_schedule'
  | 'confirm_place'
  | 'give_place_back'
  | 'arm_call'
  | 'send_confirmation'
  | 'announce_paid';

export type PaymentOutcome =
  /** Pending and on: the booking is paid and its call armed. */
  | 'mark_paid'
  /** Already paid and on: finish what a crashed earlier attempt may have left undone. */
  | 'finish_paid'
  /** Paid after the parent cancelled: the money goes straight back. */
  | 'refund_late_payment'
  /** Part of the money went back (the Stripe dashboard): recorded, the call stays. */
  | 'record_partial_refund'
  /** All the money went back: refunded, and cancelled if the call has not happened. */
  | 'full_refund'
  /** Only an audit event: a decline, a cancelled intent, or an intent that does not match. */
  | 'record'
  /** Nothing to do: already reflected, or stale. */
  | 'ignore';

export interface PaymentDecision {
  readonly outcome: PaymentOutcome;
  /** Written together with `events`, version-checked; empty for record/ignore. */
  readonly changes: BookingFieldChanges;
  /** Audit events, written in the change's transaction (or alone when there is no change). */
  readonly events: readonly AuditEvent[];
  readonly effects: readonly PaymentEffect[];
  /** Why, for `record`/`ignore`: ids and codes only. */
  readonly reason?: string;
}

const nothing = (reason: string): PaymentDecision => ({
  outcome: 'ignore',
  changes: {},
  events: [],
  effects: [],
  reason,
});

/**
 * What a payment fact means for a booking. Pure: the caller loads the booking, re-reads the
 * PaymentIntent for `payment_succeeded`, applies the decision in one version-checked write
 * and, if another request changed the booking first, loads it again and asks again.
 */
export function decidePayment(
  booking: PaymentBooking,
  fact: PaymentFact,
  now: Date,
): PaymentDecision {
  switch (fact.type) {
    case 'payment_succeeded':
      return decidePaymentSucceeded(booking, fact.intent, now);
    case 'payment_failed':
      if (booking.paymentStatus !== 'pending') return nothing('not_pending');
      return record('payment_failed', {
        paymentIntentId: fact.paymentIntentId,
        ...(fact.code ? { code: fact.code } : {}),
      });
    case 'payment_canceled':
      return record('payment_canceled', { paymentIntentId: fact.paymentIntentId });
    case 'charge_refunded':
      return decideChargeRefunded(booking, fact, now);
  }
}

/** Why a re-read PaymentIntent cannot mark this booking paid, or undefined when it can. */
function paymentMismatch(
  booking: PaymentBooking,
  intent: PaymentIntentFacts,
): Record<string, string> | undefined {
  if (intent.metadata.bookingId !== booking.bookingId) {
    return { reason: 'other_booking' };
  }
  if (intent.status !== 'succeeded') {
    return { reason: 'not_succeeded', status: intent.status };
  }
  if (
    intent.amount !== booking.totalCents ||
    intent.currency.toLowerCase() !== booking.currency.toLowerCase()
  ) {
    return {
      reason: 'amount_mismatch',
      expectedAmountCents: String(booking.totalCents),
      expectedCurrency: booking.currency.toLowerCase(),
      amountCents: String(intent.amount),
      currency: intent.currency.toLowerCase(),
    };
  }
  if (booking.paymentIntentId && intent.id !== booking.paymentIntentId) {
    return { reason: 'other_payment_intent', expectedPaymentIntentId: booking.paymentIntentId };
  }
  return undefined;
}

function decidePaymentSucceeded(
  booking: PaymentBooking,
  intent: PaymentIntentFacts,
  now: Date,
): PaymentDecision {
  const mismatch = paymentMismatch(booking, intent);
  if (mismatch) {
    return { ...record('payment_not_accepted', { paymentIntentId: intent.id, ...mismatch }) };
  }
  const succeeded: AuditEvent = {
    type: 'payment_succeeded',
    detail: { paymentIntentId: intent.id, amountCents: String(intent.amount) },
  };
  if (booking.paymentStatus === 'refunded') return nothing('already_refunded');
  if (booking.paymentStatus === 'paid') {
    return booking.callStatus === 'cancelled'
      ? nothing('paid_and_cancelled')
      : {
          outcome: 'finish_paid',
          changes: {},
          events: [],
          effects: ['arm_call', 'send_confirmation'],
        };
  }
  if (booking.callStatus === 'cancelled') {
    return {
      outcome: 'refund_late_payment',
      changes: {
        paymentStatus: 'refunded',
        refundedAt: now.toISOString(),
        amountRefundedCents: intent.amount,
      },
      events: [
        succeeded,
        {
          type: 'payment_refunded',
          detail: {
            paymentIntentId: intent.id,
            amountRefundedCents: String(intent.amount),
            reason: 'booking_cancelled',
          },
        },
      ],
      effects: ['refund_payment'],
    };
  }
  if (booking.callStatus !== 'pending') return nothing(`call_${booking.callStatus}`);
  return {
    outcome: 'mark_paid',
    changes: {
      paymentStatus: 'paid',
      callStatus: booking.callNow ? 'queued' : 'scheduled',
      paidAt: now.toISOString(),
    },
    events: [succeeded],
    effects: ['confirm_place', 'arm_call', 'send_confirmation', 'announce_paid'],
  };
}

/** A charge counts as refunded in full by Stripe's flag or by its amounts, whichever says so. */
export function isFullRefund(fact: {
  amountCents: number;
  amountRefundedCents: number;
  refunded: boolean;
}): boolean {
  return fact.refunded || fact.amountRefundedCents >= fact.amountCents;
}

function decideChargeRefunded(
  booking: PaymentBooking,
  fact: Extract<PaymentFact, { type: 'charge_refunded' }>,
  now: Date,
): PaymentDecision {
  // The recording bought after the call is its own payment: refunding it (the Stripe
  // dashboard) leaves the booking's payment and call alone; it is recorded with its amounts.
  if (
    booking.recordingPaymentIntentId &&
    fact.paymentIntentId === booking.recordingPaymentIntentId
  ) {
    return record('recording_payment_refunded', {
      paymentIntentId: fact.paymentIntentId,
      amountCents: String(fact.amountCents),
      amountRefundedCents: String(fact.amountRefundedCents),
      reason: 'refunded_in_stripe',
    });
  }
  if (booking.paymentIntentId && fact.paymentIntentId !== booking.paymentIntentId) {
    return record('refund_not_matched', {
      paymentIntentId: fact.paymentIntentId,
      expectedPaymentIntentId: booking.paymentIntentId,
    });
  }
  if (booking.paymentStatus === 'refunded') return nothing('already_refunded');
  const detail = {
    paymentIntentId: fact.paymentIntentId,
    amountCents: String(fact.amountCents),
    amountRefundedCents: String(fact.amountRefundedCents),
  };
  if (!isFullRefund(fact)) {
    // Events come in any order and again: only a larger running total tells something new.
    if (fact.amountRefundedCents <= (booking.amountRefundedCents ?? 0)) {
      return nothing('refund_already_recorded');
    }
    return {
      outcome: 'record_partial_refund',
      changes: { amountRefundedCents: fact.amountRefundedCents },
      events: [{ type: 'payment_partially_refunded', detail }],
      effects: [],
    };
  }
  // A refund made outside the site (the Stripe dashboard) also calls off a call still to come.
  const callOff = isChangeable(booking.callStatus);
  return {
    outcome: 'full_refund',
    changes: {
      paymentStatus: 'refunded',
      refundedAt: now.toISOString(),
      amountRefundedCents: fact.amountRefundedCents,
      ...(callOff ? { callStatus: 'cancelled', cancelledAt: now.toISOString() } : {}),
    },
    events: [
      { type: 'payment_refunded', detail: { ...detail, reason: 'refunded_in_stripe' } },
      ...(callOff ? [{ type: 'booking_cancelled', detail: { by: 'refund' } }] : []),
    ],
    effects: callOff ? ['delete_schedule', 'give_place_back'] : [],
  };
}

function record(type: string, detail: Record<string, string>): PaymentDecision {
  return {
    outcome: 'record',
    changes: {},
    events: [{ type, detail }],
    effects: [],
    reason: detail.reason ?? type,
  };
}
