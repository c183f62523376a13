import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../../functions/adapters/stripe-client.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  payWithCard,
  postJson,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;
let stripe: Stripe;

beforeAll(async () => {
  cloud = await startTestCloud();
  stripe = createStripeClient({
    STRIPE_SECRET_KEY: cloud.config.stripeKeys.secret,
    STRIPE_API_BASE_URL: cloud.config.stripe.baseUrl,
  });
});

afterAll(async () => {
  await cloud?.stop();
});

const pairs = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Race {
  readonly booking: CreatedBooking;
  /** When the parent got the answer to their cancel (ms since the epoch). */
  readonly cancelAnsweredAt: number;
  readonly cancelStatus: number;
}

/**
 * Pays and cancels the booking: one after the other for some pairs (so both orders surely
 * happen); for the rest the cancel comes 0–400 ms after the payment starts, sweeping through
 * the time the payment webhook is being handled (re-read, write, arm, confirmation).
 */
async function race(booking: CreatedBooking, index: number): Promise<Race> {
  // Paying first must succeed; after (or during) a cancel the payment may be refused.
  const pay = (mayFail = true) =>
    mayFail ? payWithCard(cloud, booking).catch(() => undefined) : payWithCard(cloud, booking);
  const cancel = async () => {
    const answer = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      { authorization: `Bearer ${booking.accessToken}` },
    );
    return { cancelAnsweredAt: Date.now(), cancelStatus: answer.status };
  };
  if (index % 4 === 0) {
    await pay(false);
    return { booking, ...(await cancel()) };
  }
  if (index % 4 === 1) {
    const cancelled = await cancel();
    await pay();
    return { booking, ...cancelled };
  }
  const [, cancelled] = await Promise.all([pay(), sleep((index * 37) % 400).then(cancel)]);
  return { booking, ...cancelled };
}

interface OutboxEmail {
  readonly text: string;
  readonly subject: string;
  readonly sentAt: string;
}

describe('cancel and payment racing', () => {
  it(`${pairs} races end consistently: cancelled, refunded when paid, charged once, no confirmation after the cancel`, async () => {
    const bookings: CreatedBooking[] = [];
    for (let index = 0; index < pairs; index++) {
      bookings.push(
        await createBooking(cloud, {
          scheduledAt: tomorrowAt(14 + Math.floor(index / 4), (index % 4) * 15),
        }),
      );
    }

    const races = await Promise.all(bookings.map((booking, index) => race(booking, index)));
    const settled = await Promise.all(
      races.map(async ({ booking }) => {
        const intent = await stripe.paymentIntents.retrieve(booking.paymentIntentId);
        const view = await bookingWhere(
          cloud,
          booking,
          `booking ${booking.callId} to settle`,
          (b) =>
            b.callStatus === 'cancelled' &&
            (intent.status === 'succeeded' ? b.paymentStatus === 'refunded' : true),
          30_000,
        );
        const charge =
          typeof intent.latest_charge === 'string'
            ? await stripe.charges.retrieve(intent.latest_charge)
            : undefined;
        return { booking, intent, view, charge };
      }),
    );
    // Late webhooks (a cancelled intent, a refund) are allowed to land; nothing may change.
    await sleep(1500);
    const emails = (await (
      await fetch(`${cloud.apiUrl}/_local/outbox?format=json`)
    ).json()) as OutboxEmail[];

    const paidThenRefunded = settled.filter(({ intent }) => intent.status === 'succeeded');
    const neverPaid = settled.filter(({ intent }) => intent.status !== 'succeeded');
    expect(races.map(({ cancelStatus }) => cancelStatus)).toEqual(races.map(() => 200));
    expect(paidThenRefunded.length).toBeGreaterThan(0);
    expect(neverPaid.length).toBeGreaterThan(0);
    for (const { booking, intent, view, charge } of settled) {
      const final = (await getBooking(cloud, booking.callId, booking.accessToken)).body;
      expect(final.callStatus).toBe('cancelled');
      expect(final.paymentStatus).toBe(view.paymentStatus);
      if (intent.status === 'succeeded') {
        // Paid once, refunded once and in full.
        expect(intent.amount_received).toBe(booking.amountCents);
        expect(charge).toMatchObject({
          amount: booking.amountCents,
          amount_refunded: booking.amountCents,
          refunded: true,
        });
        expect(final).toMatchObject({
          paymentStatus: 'refunded',
          amountRefundedCents: booking.amountCents,
        });
        expect(timelineTypes(final).filter((type) => type === 'payment_refunded')).toHaveLength(1);
      } else {
        expect(intent.status).toBe('canceled');
        expect(intent.amount_received).toBe(0);
        expect(final.paymentStatus).toBe('pending');
      }
    }
    for (const { booking, cancelAnsweredAt } of races) {
      const confirmations = emails.filter(
        (email) => email.text.includes(booking.callId) && /santa will call/i.test(email.subject),
      );
      expect(confirmations.length).toBeLessThanOrEqual(1);
      for (const email of confirmations) {
        expect(Date.parse(email.sentAt)).toBeLessThanOrEqual(cancelAnsweredAt);
      }
    }
  });
});
