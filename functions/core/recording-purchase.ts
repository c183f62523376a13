import type { AuditEvent, BookingFieldChanges, BookingRecord } from './booking.ts';
import type { PaymentIntentFacts } from './payment-events.ts';
import { recordingOfferEndsAt } from './retention.ts';

/**
 * Buying the recording after the call (issue #10): a second PaymentIntent for the booking's
 * frozen `recordingCents`, with metadata `{ bookingId, purpose: 'recording' }`.
 *
 * Money: the booking's `totalCents` stays what the booking's own PaymentIntent took. The
 * recording's payment is its own intent (`recordingPaymentIntentId`, `recordingPaidAt`, amount
 * `recordingCents`), so the booking's payment rules (its intent must charge exactly
 * `totalCents`; a refund refunds `totalCents` of that intent) stay true, and a refund of either
 * payment refunds the right amount of the right intent.
 */
export const recordingPurpose = 'recording';

/** What the purchase rules read of a booking. */
export type RecordingBooking = Pick<
  BookingRecord,
  | 'bookingId'
  | 'callStatus'
  | 'paymentStatus'
  | 'videoStatus'
  | 'purchaseRecording'
  | 'audioKey'
  | 'dataErasedAt'
  | 'scheduledAt'
  | 'recordingCents'
  | 'currency'
  | 'recordingPaymentIntentId'
>;

/** Why the recording cannot be bought now. */
export type NotBuyable =
  | 'already_bought'
  | 'call_not_completed'
  | 'no_audio'
  | 'erased'
  | 'booking_not_paid'
  | 'too_late';

export const notBuyableMessages: Readonly<Record<NotBuyable, string>> = {
  already_bought: 'The recording of this call is already yours.',
  call_not_completed: 'The recording can be bought once the call has taken place.',
  no_audio: 'This call has no recording to buy.',
  erased: "This call's data was deleted at your request, so there is no recording to buy.",
  booking_not_paid: 'This booking was refunded, so its recording cannot be bought.',
  too_late: "This call's recording is about to be deleted and can no longer be bought.",
};

/** The offer a parent sees, or why there is none. Amount in minor units of `currency`. */
export type RecordingOffer =
  | { readonly buyable: true; readonly amountCents: number; readonly currency: string }
  | { readonly buyable: false; readonly reason: NotBuyable };

/**
 * Whether this booking's recording may be bought now, and for how much (the price frozen at
 * booking): a completed, paid call with its audio kept, not bought yet, not erased, and at
 * least a week before the audio's retention ends.
 */
export function recordingOffer(booking: RecordingBooking, now: Date): RecordingOffer {
  const no = (reason: NotBuyable): RecordingOffer => ({ buyable: false, reason });
  if (booking.purchaseRecording) return no('already_bought');
  if (booking.dataErasedAt) return no('erased');
  if (booking.callStatus !== 'completed') return no('call_not_completed');
  if (!booking.audioKey) return no('no_audio');
  if (booking.paymentStatus !== 'paid') return no('booking_not_paid');
  if (now >= recordingOfferEndsAt(booking.scheduledAt)) return no('too_late');
  return { buyable: true, amountCents: booking.recordingCents, currency: booking.currency };
}

/** What a succeeded recording payment does. */
export type RecordingPaymentOutcome =
  /** Bought: the booking records it and the video is asked for. */
  | 'mark_bought'
  /** Already applied with this intent: only (re)start the video run, which is idempotent. */
  | 'finish_bought'
  /** Taken but cannot be honoured (erased, bought twice): the money goes back. */
  | 'refund'
  /** Only an audit event: the intent does not match the booking. */
  | 'record';

export interface RecordingPaymentDecision {
  readonly outcome: RecordingPaymentOutcome;
  readonly changes: BookingFieldChanges;
  readonly events: readonly AuditEvent[];
  /** Ids and codes only. */
  readonly reason?: string;
}

/**
 * What a recording PaymentIntent, re-read from Stripe, means for its booking. Pure. Applying
 * `mark_bought` must be conditional on the booking as read (version/updatedAt), so two
 * deliveries of the same payment apply once; the second finds `finish_bought`.
 */
export function decideRecordingPayment(
  booking: RecordingBooking & Pick<BookingRecord, 'recordingPaidAt'>,
  intent: PaymentIntentFacts,
  now: Date,
): RecordingPaymentDecision {
  const record = (reason: string, extra: Record<string, string> = {}) => ({
    outcome: 'record' as const,
    changes: {},
    events: [
      {
        type: 'recording_payment_not_accepted',
        detail: { paymentIntentId: intent.id, reason, ...extra },
      },
    ],
    reason,
  });
  if (intent.metadata.bookingId !== booking.bookingId) return record('other_booking');
  if (intent.status !== 'succeeded') return record('not_succeeded', { status: intent.status });
  if (
    intent.amount !== booking.recordingCents ||
    intent.currency.toLowerCase() !== booking.currency.toLowerCase()
  ) {
    return record('amount_mismatch', {
      expectedAmountCents: String(booking.recordingCents),
      amountCents: String(intent.amount),
      currency: intent.currency.toLowerCase(),
    });
  }
  if (booking.recordingPaymentIntentId === intent.id && booking.recordingPaidAt) {
    return { outcome: 'finish_bought', changes: {}, events: [], reason: 'already_applied' };
  }
  const refund = (reason: string): RecordingPaymentDecision => ({
    outcome: 'refund',
    changes: {},
    events: [
      {
        type: 'recording_payment_refunded',
        detail: { paymentIntentId: intent.id, amountCents: String(intent.amount), reason },
      },
    ],
    reason,
  });
  // Paid, but nothing can be delivered for it: give it back.
  if (booking.purchaseRecording) return refund('already_bought');
  if (booking.dataErasedAt) return refund('erased');
  if (booking.callStatus !== 'completed' || !booking.audioKey) return refund('no_recording');
  return {
    outcome: 'mark_bought',
    changes: {
      purchaseRecording: true,
      recordingPaymentIntentId: intent.id,
      recordingPaidAt: now.toISOString(),
      ...(booking.videoStatus === 'not_requested' ? { videoStatus: 'pending' as const } : {}),
    },
    events: [
      {
        type: 'recording_purchased',
        detail: { paymentIntentId: intent.id, amountCents: String(intent.amount) },
      },
    ],
  };
}
