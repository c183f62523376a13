import { describe, expect, it } from 'vitest';
import { assertVideoTransition } from '../../functions/core/booking-status.ts';
import { decidePayment } from '../../functions/core/payment-events.ts';
import {
  decideRecordingPayment,
  type RecordingBooking,
  recordingOffer,
} from '../../functions/core/recording-purchase.ts';
import { recordingOfferEndsAt } from '../../functions/core/retention.ts';
import type { StripePaymentIntent } from '../../functions/schemas/stripe-payment-intent.ts';

const now = new Date('2026-12-26T12:00:00.000Z');

const booking = (
  overrides: Partial<RecordingBooking & { recordingPaidAt: string }> = {},
): RecordingBooking & { recordingPaidAt?: string } => ({
  bookingId: 'B1',
  callStatus: 'completed',
  paymentStatus: 'paid',
  videoStatus: 'not_requested',
  purchaseRecording: false,
  audioKey: 'calls/B1/audio.mp3',
  scheduledAt: '2026-12-24T18:00:00.000Z',
  recordingCents: 299,
  currency: 'usd',
  ...overrides,
});

const intent = (overrides: Partial<StripePaymentIntent> = {}): StripePaymentIntent => ({
  id: 'pi_rec',
  status: 'succeeded',
  amount: 299,
  currency: 'usd',
  metadata: { bookingId: 'B1', purpose: 'recording' },
  ...overrides,
});

describe('whether a parent may buy the recording after the call', () => {
  it('offers a completed, paid call with its audio at the price frozen on the booking', () => {
    const offer = recordingOffer(booking({ recordingCents: 350, currency: 'eur' }), now);

    expect(offer).toEqual({ buyable: true, amountCents: 350, currency: 'eur' });
  });

  it.each([
    ['already bought', booking({ purchaseRecording: true }), 'already_bought'],
    ['erased', booking({ dataErasedAt: '2026-12-25T00:00:00Z' }), 'erased'],
    ['call still to come', booking({ callStatus: 'scheduled' }), 'call_not_completed'],
    ['call not answered', booking({ callStatus: 'no_answer' }), 'call_not_completed'],
    ['no audio saved', booking({ audioKey: undefined }), 'no_audio'],
    ['booking refunded', booking({ paymentStatus: 'refunded' }), 'booking_not_paid'],
  ] as const)('refuses when %s', (_, subject, reason) => {
    expect(recordingOffer(subject, now)).toEqual({ buyable: false, reason });
  });

  it('closes a week before the audio is deleted, not after', () => {
    const subject = booking();
    const ends = recordingOfferEndsAt(subject.scheduledAt);

    expect(recordingOffer(subject, new Date(ends.getTime() - 1)).buyable).toBe(true);
    expect(recordingOffer(subject, ends)).toEqual({ buyable: false, reason: 'too_late' });
    // 400 days of audio less a week: the window is more than a year after a Christmas call.
    expect(ends.toISOString()).toBe('2028-01-21T18:00:00.000Z');
  });
});

describe('what a recording payment means for its booking', () => {
  it('marks it bought, asks for the video and keeps the booking total untouched', () => {
    const decision = decideRecordingPayment(booking(), intent(), now);

    expect(decision).toEqual({
      outcome: 'mark_bought',
      changes: {
        purchaseRecording: true,
        recordingPaymentIntentId: 'pi_rec',
        recordingPaidAt: now.toISOString(),
        videoStatus: 'pending',
      },
      events: [
        {
          type: 'recording_purchased',
          detail: { paymentIntentId: 'pi_rec', amountCents: '299' },
        },
      ],
    });
    expect(decision.changes).not.toHaveProperty('totalCents');
  });

  it('applies a duplicate delivery once: the second only restarts the (idempotent) video run', () => {
    const applied = booking({
      purchaseRecording: true,
      videoStatus: 'pending',
      recordingPaymentIntentId: 'pi_rec',
      recordingPaidAt: now.toISOString(),
    });

    expect(decideRecordingPayment(applied, intent(), now)).toMatchObject({
      outcome: 'finish_bought',
      changes: {},
      events: [],
    });
  });

  it.each([
    [
      'another booking',
      intent({ metadata: { bookingId: 'B2', purpose: 'recording' } }),
      'other_booking',
    ],
    ['not succeeded', intent({ status: 'processing' }), 'not_succeeded'],
    ['another amount', intent({ amount: 1298 }), 'amount_mismatch'],
    ['another currency', intent({ currency: 'eur' }), 'amount_mismatch'],
  ])('only records an intent for %s', (_, paid, reason) => {
    const decision = decideRecordingPayment(booking(), paid, now);

    expect(decision.outcome).toBe('record');
    expect(decision.changes).toEqual({});
    expect(decision.events[0]).toMatchObject({
      type: 'recording_payment_not_accepted',
      detail: { reason },
    });
  });

  it.each([
    ['bought already with another intent', booking({ purchaseRecording: true }), 'already_bought'],
    ['erased meanwhile', booking({ dataErasedAt: '2026-12-25T00:00:00Z' }), 'erased'],
    ['without audio', booking({ audioKey: undefined }), 'no_recording'],
  ])('refunds a payment that cannot be honoured: %s', (_, subject, reason) => {
    const decision = decideRecordingPayment(subject, intent(), now);

    expect(decision).toMatchObject({ outcome: 'refund', changes: {}, reason });
    expect(decision.events[0]?.type).toBe('recording_payment_refunded');
  });

  it('lets a video not asked for become pending once bought after the call', () => {
    expect(() => assertVideoTransition('not_requested', 'pending')).not.toThrow();
    expect(() => assertVideoTransition('not_requested', 'completed')).toThrow();
  });
});

describe('a refund of the recording payment made in the Stripe dashboard', () => {
  it("is recorded with its amounts and leaves the booking's own payment and call alone", () => {
    const paid = {
      bookingId: 'B1',
      callStatus: 'completed' as const,
      paymentStatus: 'paid' as const,
      callNow: false,
      totalCents: 999,
      currency: 'usd',
      paymentIntentId: 'pi_booking',
      recordingPaymentIntentId: 'pi_rec',
    };

    const decision = decidePayment(
      paid,
      {
        type: 'charge_refunded',
        paymentIntentId: 'pi_rec',
        amountCents: 299,
        amountRefundedCents: 299,
        refunded: true,
      },
      now,
    );

    expect(decision).toMatchObject({ outcome: 'record', changes: {} });
    expect(decision.events).toEqual([
      {
        type: 'recording_payment_refunded',
        detail: {
          paymentIntentId: 'pi_rec',
          amountCents: '299',
          amountRefundedCents: '299',
          reason: 'refunded_in_stripe',
        },
      },
    ]);
  });
});
