import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decidePayment,
  isFullRefund,
  type PaymentBooking,
  type PaymentFact,
} from '../../functions/core/payment-events.ts';
import {
  MalformedStripeEventError,
  parseStripeEvent,
} from '../../functions/schemas/stripe-event.ts';
import type { StripePaymentIntent } from '../../functions/schemas/stripe-payment-intent.ts';

const now = new Date('2026-12-20T12:00:00.000Z');

const booking = (overrides: Partial<PaymentBooking> = {}): PaymentBooking => ({
  bookingId: 'B1',
  callStatus: 'pending',
  paymentStatus: 'pending',
  callNow: false,
  totalCents: 1298,
  currency: 'usd',
  paymentIntentId: 'pi_1',
  ...overrides,
});

const intent = (overrides: Partial<StripePaymentIntent> = {}): StripePaymentIntent => ({
  id: 'pi_1',
  status: 'succeeded',
  amount: 1298,
  currency: 'usd',
  metadata: { bookingId: 'B1' },
  ...overrides,
});

const succeeded = (overrides: Partial<StripePaymentIntent> = {}): PaymentFact => ({
  type: 'payment_succeeded',
  intent: intent(overrides),
});

const refunded = (amountRefundedCents: number, flag = false): PaymentFact => ({
  type: 'charge_refunded',
  paymentIntentId: 'pi_1',
  amountCents: 1298,
  amountRefundedCents,
  refunded: flag,
});

describe('what a payment fact means for a booking', () => {
  it.each([
    ['a confirmed payment of a pending booking', booking(), succeeded(), 'mark_paid'],
    [
      'a confirmed payment of a "call now" booking',
      booking({ callNow: true }),
      succeeded(),
      'mark_paid',
    ],
    [
      'a replayed payment of a paid booking',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      succeeded(),
      'finish_paid',
    ],
    [
      'a payment after the parent cancelled',
      booking({ callStatus: 'cancelled' }),
      succeeded(),
      'refund_late_payment',
    ],
    [
      'a payment of a booking already refunded',
      booking({ paymentStatus: 'refunded', callStatus: 'cancelled' }),
      succeeded(),
      'ignore',
    ],
    [
      'a payment of a paid booking cancelled late (no refund due)',
      booking({ paymentStatus: 'paid', callStatus: 'cancelled' }),
      succeeded(),
      'ignore',
    ],
    [
      'an intent that has not succeeded',
      booking(),
      succeeded({ status: 'requires_payment_method' }),
      'record',
    ],
    ['an intent for another amount', booking(), succeeded({ amount: 1 }), 'record'],
    ['an intent in another currency', booking(), succeeded({ currency: 'eur' }), 'record'],
    [
      'an intent for another booking',
      booking(),
      succeeded({ metadata: { bookingId: 'B2' } }),
      'record',
    ],
    ['an intent with no booking id', booking(), succeeded({ metadata: {} }), 'record'],
    ['another intent than the booking’s', booking(), succeeded({ id: 'pi_2' }), 'record'],
    [
      'a partial refund of a paid booking',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      refunded(500),
      'record_partial_refund',
    ],
    [
      'a larger partial refund',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled', amountRefundedCents: 500 }),
      refunded(800),
      'record_partial_refund',
    ],
    [
      'a smaller or replayed partial refund',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled', amountRefundedCents: 800 }),
      refunded(500),
      'ignore',
    ],
    [
      'a full refund by flag',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      refunded(1298, true),
      'full_refund',
    ],
    [
      'a full refund by amount',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      refunded(1298),
      'full_refund',
    ],
    [
      'a full refund of a booking already refunded',
      booking({ paymentStatus: 'refunded', callStatus: 'cancelled' }),
      refunded(1298, true),
      'ignore',
    ],
    [
      'a refund of another intent',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      { ...refunded(1298, true), paymentIntentId: 'pi_2' } as PaymentFact,
      'record',
    ],
    [
      'a decline of a pending booking',
      booking(),
      { type: 'payment_failed', paymentIntentId: 'pi_1', code: 'card_declined' } as PaymentFact,
      'record',
    ],
    [
      'a decline of a paid booking',
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      { type: 'payment_failed', paymentIntentId: 'pi_1' } as PaymentFact,
      'ignore',
    ],
    [
      'a cancelled intent',
      booking(),
      { type: 'payment_canceled', paymentIntentId: 'pi_1' } as PaymentFact,
      'record',
    ],
  ] as const)('%s → %s', (_, current, fact, outcome) => {
    expect(decidePayment(current, fact, now).outcome).toBe(outcome);
  });

  it('marks a pending booking paid, scheduled or queued, and arms it with one confirmation', () => {
    const later = decidePayment(booking(), succeeded(), now);
    const callNow = decidePayment(booking({ callNow: true }), succeeded(), now);

    expect(later.changes).toEqual({
      paymentStatus: 'paid',
      callStatus: 'scheduled',
      paidAt: now.toISOString(),
    });
    expect(callNow.changes.callStatus).toBe('queued');
    expect(later.effects).toEqual([
      'confirm_place',
      'arm_call',
      'send_confirmation',
      'announce_paid',
    ]);
    expect(later.events.map((event) => event.type)).toEqual(['payment_succeeded']);
  });

  it('refunds a payment that lands after a cancellation and confirms nothing', () => {
    const decision = decidePayment(booking({ callStatus: 'cancelled' }), succeeded(), now);

    expect(decision.effects).toEqual(['refund_payment']);
    expect(decision.effects).not.toContain('send_confirmation');
    expect(decision.changes).toMatchObject({
      paymentStatus: 'refunded',
      amountRefundedCents: 1298,
    });
    expect(decision.events.map((event) => event.type)).toEqual([
      'payment_succeeded',
      'payment_refunded',
    ]);
  });

  it('names why a re-read intent is not accepted, with amounts and no personal data', () => {
    const decision = decidePayment(booking(), succeeded({ amount: 100 }), now);

    expect(decision.changes).toEqual({});
    expect(decision.events).toEqual([
      {
        type: 'payment_not_accepted',
        detail: {
          paymentIntentId: 'pi_1',
          reason: 'amount_mismatch',
          expectedAmountCents: '1298',
          expectedCurrency: 'usd',
          amountCents: '100',
          currency: 'usd',
        },
      },
    ]);
  });

  it('records a partial refund without touching the call', () => {
    const decision = decidePayment(
      booking({ paymentStatus: 'paid', callStatus: 'scheduled' }),
      refunded(500),
      now,
    );

    expect(decision.changes).toEqual({ amountRefundedCents: 500 });
    expect(decision.effects).toEqual([]);
    expect(decision.events).toEqual([
      {
        type: 'payment_partially_refunded',
        detail: { paymentIntentId: 'pi_1', amountCents: '1298', amountRefundedCents: '500' },
      },
    ]);
  });

  it.each([
    ['scheduled', true],
    ['pending', true],
    ['queued', false],
    ['in_progress', false],
    ['completed', false],
  ] as const)('a full refund of a %s call cancels it: %s', (callStatus, cancels) => {
    const decision = decidePayment(
      booking({ paymentStatus: callStatus === 'pending' ? 'pending' : 'paid', callStatus }),
      refunded(1298, true),
      now,
    );

    expect(decision.changes.paymentStatus).toBe('refunded');
    expect(decision.changes.callStatus).toBe(cancels ? 'cancelled' : undefined);
    expect(decision.effects).toEqual(cancels ? ['delete_schedule', 'give_place_back'] : []);
    expect(decision.events.map((event) => event.type)).toEqual(
      cancels ? ['payment_refunded', 'booking_cancelled'] : ['payment_refunded'],
    );
  });

  it.each([
    [1298, 1298, false, true],
    [1298, 1297, false, false],
    [1298, 0, true, true],
    [1298, 2000, false, true],
  ])(
    'a charge of %i with %i refunded (flag %s) is a full refund: %s',
    (amountCents, amountRefundedCents, flag, full) => {
      expect(isFullRefund({ amountCents, amountRefundedCents, refunded: flag })).toBe(full);
    },
  );
});

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/stripe', name), 'utf8'));

describe('reading a verified Stripe event', () => {
  it.each([
    ['payment_intent.succeeded.json', 'payment_intent'],
    ['charge.refunded.partial.json', 'charge'],
    ['charge.refunded.full.json', 'charge'],
    ['customer.created.json', 'unhandled'],
  ])('reads the sample %s as %s, ignoring fields we do not use', (name, kind) => {
    expect(parseStripeEvent(fixture(name)).kind).toBe(kind);
  });

  it('reads a partial refund as Stripe sends it', () => {
    const event = parseStripeEvent(fixture('charge.refunded.partial.json'));

    expect(event).toMatchObject({
      kind: 'charge',
      data: {
        object: {
          amount: 1298,
          amount_refunded: 500,
          refunded: false,
          payment_intent: 'pi_3QfixtureIntent0001',
          metadata: { bookingId: '01JFIXTUREBOOKING000000001' },
        },
      },
    });
  });

  it.each([
    ['an empty object', {}, /id: .*type: .*created: /],
    ['a JSON array', [1, 2], /the body/],
    [
      'a payment event without its intent id',
      {
        id: 'evt_1',
        type: 'payment_intent.succeeded',
        created: 1,
        data: { object: { metadata: {} } },
      },
      /data\.object\.id/,
    ],
    [
      'a refund event without amount_refunded',
      {
        id: 'evt_1',
        type: 'charge.refunded',
        created: 1,
        data: { object: { id: 'ch_1', amount: 5, refunded: false } },
      },
      /data\.object\.amount_refunded/,
    ],
    [
      'a refund event whose refunded flag is a string',
      {
        id: 'evt_1',
        type: 'charge.refunded',
        created: 1,
        data: { object: { id: 'ch_1', amount: 5, amount_refunded: 5, refunded: 'yes' } },
      },
      /data\.object\.refunded/,
    ],
    ['an event with a numeric id', { id: 7, type: 'customer.created', created: 1 }, /^.*id: /],
    // Longer than any Stripe id: it would be a key DynamoDB refuses (a 500 before).
    [
      'an event id of 20 000 characters',
      { id: `evt_${'x'.repeat(20_000)}`, type: 'customer.created', created: 1 },
      /^.*id: /,
    ],
    [
      'a payment event whose booking id is longer than Stripe metadata allows',
      {
        id: 'evt_1',
        type: 'payment_intent.succeeded',
        created: 1,
        data: { object: { id: 'pi_1', metadata: { bookingId: 'B'.repeat(501) } } },
      },
      /data\.object\.metadata\.bookingId/,
    ],
    [
      'a refund event whose intent id is 5 000 characters',
      {
        id: 'evt_1',
        type: 'charge.refunded',
        created: 1,
        data: {
          object: {
            id: 'ch_1',
            amount: 5,
            amount_refunded: 5,
            refunded: true,
            payment_intent: `pi_${'x'.repeat(5000)}`,
          },
        },
      },
      /data\.object\.payment_intent/,
    ],
  ])('refuses %s as invalid (a 400), naming the field', (_, json, message) => {
    let thrown: unknown;
    try {
      parseStripeEvent(json);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(MalformedStripeEventError);
    expect(thrown).toMatchObject({ kind: 'invalid', code: 'malformed_event' });
    expect((thrown as Error).message).toMatch(message);
  });
});
