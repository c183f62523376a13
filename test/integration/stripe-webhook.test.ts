import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../../functions/adapters/stripe-client.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames } from '../../local/config.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  outbox,
  payWithCard,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;
let stripe: Stripe;
let faults: StripeFaults;
/** Each booking its own quarter hour tomorrow, so no test waits for a place. */
let nextSlot = 0;

beforeAll(async () => {
  cloud = await startTestCloud();
  stripe = createStripeClient({
    STRIPE_SECRET_KEY: cloud.config.stripeKeys.secret,
    STRIPE_API_BASE_URL: cloud.config.stripe.baseUrl,
  });
  faults = new StripeFaults(cloud.config.stripe.baseUrl, cloud.config.stripeKeys.secret);
});

afterEach(async () => {
  await faults?.clear();
});

afterAll(async () => {
  await cloud?.stop();
});

function book(): Promise<CreatedBooking> {
  const slot = nextSlot++;
  return createBooking(cloud, {
    scheduledAt: tomorrowAt(14 + Math.floor(slot / 4), (slot % 4) * 15),
  });
}

async function paidBooking(): Promise<CreatedBooking> {
  const booking = await book();
  await payWithCard(cloud, booking);
  await bookingWhere(cloud, booking, 'the confirmation', (b) =>
    timelineTypes(b).includes('email_sent'),
  );
  return booking;
}

const view = async (booking: CreatedBooking) =>
  (await getBooking(cloud, booking.callId, booking.accessToken)).body;

const emailsAbout = async (booking: CreatedBooking) =>
  (await outbox(cloud)).filter((email) => email.text.includes(booking.callId));

const timelineOf = (body: Record<string, unknown>) =>
  body.timeline as { type: string; at: string; detail?: Record<string, string> }[];

async function scheduleExists(callId: string): Promise<boolean> {
  try {
    await new SchedulerClient({}).send(
      new GetScheduleCommand({
        Name: `booking-${callId}`,
        GroupName: localResourceNames.scheduleGroup,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** A Stripe event body as Stripe would send it; `object` is the event's data object. */
function eventBody(type: string, object: unknown, id = `evt_${type}_${Math.random()}`): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

describe('refunds made in the Stripe dashboard', () => {
  it('a partial refund keeps the call and records the amount; a larger one updates it', async () => {
    const booking = await paidBooking();
    const versionBefore = await storedVersion(booking.callId);

    await stripe.refunds.create({ payment_intent: booking.paymentIntentId, amount: 300 });
    // The view reads the booking, then its timeline: wait on the booking's own field.
    const first = await bookingWhere(
      cloud,
      booking,
      'the partial refund',
      (b) => b.amountRefundedCents === 300,
    );
    await stripe.refunds.create({ payment_intent: booking.paymentIntentId, amount: 200 });
    const second = await bookingWhere(
      cloud,
      booking,
      'the second partial refund',
      (b) => b.amountRefundedCents === 500,
    );

    expect(first).toMatchObject({
      callStatus: 'scheduled',
      paymentStatus: 'paid',
      amountRefundedCents: 300,
    });
    expect(second).toMatchObject({ callStatus: 'scheduled', paymentStatus: 'paid' });
    expect(
      timelineOf(second)
        .filter((event) => event.type === 'payment_partially_refunded')
        .map((event) => event.detail),
    ).toEqual([
      expect.objectContaining({
        amountRefundedCents: '300',
        amountCents: String(booking.amountCents),
      }),
      expect.objectContaining({ amountRefundedCents: '500' }),
    ]);
    expect(timelineTypes(second)).not.toContain('booking_cancelled');
    // Not a new schedule: the run armed for this version still makes the call.
    expect(await storedVersion(booking.callId)).toBe(versionBefore);
    expect(await scheduleExists(booking.callId)).toBe(true);
    expect(await emailsAbout(booking)).toHaveLength(1);
  });

  it('partial refunds delivered out of order leave the larger total', async () => {
    const booking = await paidBooking();
    await faults.webhooks({
      kind: 'reorder',
      eventType: 'charge.refunded',
      objectId: booking.paymentIntentId,
    });

    await stripe.refunds.create({ payment_intent: booking.paymentIntentId, amount: 100 });
    await stripe.refunds.create({ payment_intent: booking.paymentIntentId, amount: 400 });
    await bookingWhere(cloud, booking, 'the refunds', (b) => b.amountRefundedCents === 500);
    // The held event (100 refunded so far) arrives last and must not lower the total.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = await view(booking);

    expect(after).toMatchObject({ amountRefundedCents: 500, callStatus: 'scheduled' });
    expect(
      timelineTypes(after).filter((type) => type === 'payment_partially_refunded'),
    ).toHaveLength(1);
    expect((await faults.pending()).webhooks).toEqual([]);
  });

  it('a full refund cancels a call still to come, deletes its schedule and says so', async () => {
    const booking = await paidBooking();
    expect(await scheduleExists(booking.callId)).toBe(true);

    await stripe.refunds.create({ payment_intent: booking.paymentIntentId });
    // The refund and the cancellation are two writes: wait for the second.
    const after = await bookingWhere(cloud, booking, 'the full refund', (b) =>
      timelineTypes(b).includes('booking_cancelled'),
    );

    expect(after).toMatchObject({
      callStatus: 'cancelled',
      paymentStatus: 'refunded',
      amountRefundedCents: booking.amountCents,
    });
    expect(timelineOf(after).slice(-2)).toEqual([
      expect.objectContaining({
        type: 'payment_refunded',
        detail: expect.objectContaining({
          reason: 'refunded_in_stripe',
          amountRefundedCents: String(booking.amountCents),
        }),
      }),
      expect.objectContaining({ type: 'booking_cancelled', detail: { by: 'refund' } }),
    ]);
    expect(await scheduleExists(booking.callId)).toBe(false);
  });

  it('a partial refund followed by the rest is a full refund', async () => {
    const booking = await paidBooking();

    await stripe.refunds.create({ payment_intent: booking.paymentIntentId, amount: 98 });
    await bookingWhere(cloud, booking, 'the partial refund', (b) => b.amountRefundedCents === 98);
    await stripe.refunds.create({ payment_intent: booking.paymentIntentId });
    const after = await bookingWhere(
      cloud,
      booking,
      'the full refund',
      (b) => b.paymentStatus === 'refunded',
    );

    expect(after).toMatchObject({
      callStatus: 'cancelled',
      amountRefundedCents: booking.amountCents,
    });
  });
});

describe('signatures and bodies', () => {
  const unhandled = () => eventBody('customer.created', { id: 'cus_1', object: 'customer' });
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['an hour in the future', 3600, 400],
    ['six minutes in the future', 360, 400],
    ['an hour old', -3600, 400],
    ['six minutes old', -360, 400],
    ['two minutes in the future (clock skew)', 120, 200],
    ['two minutes old', -120, 200],
  ])('a correctly signed event dated %s answers %i', async (_, offset, status) => {
    const answer = await faults.postSignedWebhook(unhandled(), { timestamp: now() + offset });

    expect(answer.status).toBe(status);
    if (status === 400) {
      expect(answer.body).toEqual({
        error: {
          code: 'signature_outside_tolerance',
          message: expect.stringMatching(offset > 0 ? /in the future/ : /old/),
        },
      });
    }
  });

  it('refuses a body signed with another secret', async () => {
    const answer = await faults.postSignedWebhook(unhandled(), { secret: 'whsec_not_ours' });

    expect(answer).toEqual({
      status: 400,
      body: { error: { code: 'invalid_signature', message: expect.any(String) } },
    });
  });

  it.each([
    ['{}', '{}', /id: .*type: .*created: /],
    ['a body that is not JSON', 'not json at all', /not JSON/],
    ['a JSON array', '[]', /the body/],
    [
      'a payment event without its intent id',
      eventBody('payment_intent.succeeded', { object: 'payment_intent', metadata: {} }),
      /data\.object\.id/,
    ],
    [
      'a refund event without amount_refunded',
      eventBody('charge.refunded', {
        id: 'ch_x',
        amount: 1298,
        refunded: false,
        payment_intent: 'pi_x',
      }),
      /data\.object\.amount_refunded/,
    ],
    [
      'a refund event whose refunded flag is text',
      eventBody('charge.refunded', {
        id: 'ch_x',
        amount: 1298,
        amount_refunded: 1298,
        refunded: 'yes',
      }),
      /data\.object\.refunded/,
    ],
    [
      'an event without data',
      JSON.stringify({ id: 'evt_no_data', type: 'charge.refunded', created: 1 }),
      /data/,
    ],
  ])('answers a signed %s with 400 malformed_event, never 500', async (_, payload, message) => {
    const answer = await faults.postSignedWebhook(payload);

    expect(answer).toEqual({
      status: 400,
      body: { error: { code: 'malformed_event', message: expect.stringMatching(message) } },
    });
  });

  it('acknowledges an event type it does not handle, with new fields, with 200', async () => {
    const answer = await faults.postSignedWebhook(
      eventBody('invoice.paid', { id: 'in_1', brand_new_field: { nested: true } }),
    );

    expect(answer).toEqual({ status: 200, body: { received: true } });
  });
});

describe('re-reading the PaymentIntent before marking a booking paid', () => {
  it('does not believe a signed "succeeded" body for an intent that was never paid', async () => {
    const booking = await book();

    const answer = await faults.postSignedWebhook(
      eventBody('payment_intent.succeeded', {
        id: booking.paymentIntentId,
        object: 'payment_intent',
        amount: booking.amountCents,
        currency: 'usd',
        status: 'succeeded',
        metadata: { bookingId: booking.callId },
      }),
    );
    const after = await view(booking);

    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(after).toMatchObject({ paymentStatus: 'pending', callStatus: 'pending' });
    expect(timelineOf(after).at(-1)).toMatchObject({
      type: 'payment_not_accepted',
      detail: { reason: 'not_succeeded', status: 'requires_payment_method' },
    });
    expect(await emailsAbout(booking)).toEqual([]);
  });

  it('does not believe a signed "refunded" body for a charge Stripe never made', async () => {
    const booking = await book();

    const answer = await faults.postSignedWebhook(
      eventBody('charge.refunded', {
        id: 'ch_never_made',
        object: 'charge',
        amount: booking.amountCents,
        amount_refunded: booking.amountCents,
        refunded: true,
        payment_intent: booking.paymentIntentId,
        metadata: { bookingId: booking.callId },
      }),
    );
    const after = await view(booking);

    expect(answer.status).toBe(200);
    expect(after).toMatchObject({ paymentStatus: 'pending', callStatus: 'pending' });
    expect(timelineOf(after).map((event) => event.type)).not.toContain('payment_refunded');
  });

  it('refuses a succeeded intent whose amount differs from the frozen price', async () => {
    const booking = await book();
    const cheaper = await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      metadata: { bookingId: booking.callId },
    });

    await stripe.paymentIntents.confirm(cheaper.id, { payment_method: 'pm_card_visa' });
    const after = await bookingWhere(cloud, booking, 'the refusal', (b) =>
      timelineTypes(b).includes('payment_not_accepted'),
    );

    expect(after).toMatchObject({ paymentStatus: 'pending', callStatus: 'pending' });
    expect(timelineOf(after).at(-1)?.detail).toEqual({
      paymentIntentId: cheaper.id,
      reason: 'amount_mismatch',
      expectedAmountCents: String(booking.amountCents),
      expectedCurrency: 'usd',
      amountCents: '100',
      currency: 'usd',
    });
    expect(await emailsAbout(booking)).toEqual([]);
  });

  it.each([
    ['a 429', { kind: 'rate_limited', times: 1 }],
    ['two 500s (the client retries once)', { kind: 'server_error', times: 2 }],
    ['two hangs past the client timeout', { kind: 'hang', times: 2 }],
  ] as const)(
    'when Stripe answers %s, the webhook fails so Stripe retries, and the retry marks it paid',
    async (_, fault) => {
      const booking = await book();
      await faults.api({ operation: 'payment_intents.retrieve', ...fault });

      await payWithCard(cloud, booking);
      const paid = await bookingWhere(
        cloud,
        booking,
        'payment after the retry',
        (b) => timelineTypes(b).includes('email_sent'),
        30_000,
      );

      expect((await faults.pending()).api).toEqual([]);
      expect(paid).toMatchObject({ paymentStatus: 'paid', callStatus: 'scheduled' });
      expect(timelineTypes(paid).filter((type) => type === 'payment_succeeded')).toHaveLength(1);
      expect(await emailsAbout(booking)).toHaveLength(1);
    },
  );
});

describe('webhooks that are dropped, duplicated or late', () => {
  it('a dropped payment webhook: the reconciler’s service call marks the booking paid, once', async () => {
    const { retrievePaymentIntent } = await import('../../functions/adapters/payments.ts');
    const { applyPaymentSucceeded } = await import('../../functions/services/after-payment.ts');
    const booking = await book();
    await faults.webhooks({ kind: 'drop', objectId: booking.paymentIntentId });

    await payWithCard(cloud, booking);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await view(booking);
    const intent = await retrievePaymentIntent(booking.paymentIntentId);
    const first = await applyPaymentSucceeded(booking.callId, intent ?? never());
    const again = await applyPaymentSucceeded(booking.callId, intent ?? never());
    const after = await view(booking);

    expect(before).toMatchObject({ paymentStatus: 'pending' });
    expect(intent).toMatchObject({ status: 'succeeded', amount: booking.amountCents });
    expect([first, again]).toEqual(['mark_paid', 'finish_paid']);
    expect(after).toMatchObject({ paymentStatus: 'paid', callStatus: 'scheduled' });
    expect(await emailsAbout(booking)).toHaveLength(1);
    expect(await scheduleExists(booking.callId)).toBe(true);
  });

  it('a duplicated payment webhook confirms once', async () => {
    const booking = await book();
    await faults.webhooks({ kind: 'duplicate', objectId: booking.paymentIntentId });

    await payWithCard(cloud, booking);
    await bookingWhere(cloud, booking, 'payment', (b) => timelineTypes(b).includes('email_sent'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await view(booking);

    expect(timelineTypes(after).filter((type) => type === 'payment_succeeded')).toHaveLength(1);
    expect(await emailsAbout(booking)).toHaveLength(1);
  });

  it('a payment webhook two seconds late, signed when sent, is accepted', async () => {
    const booking = await book();
    await faults.webhooks({ kind: 'delay', delaySeconds: 2, objectId: booking.paymentIntentId });

    await payWithCard(cloud, booking);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const early = await view(booking);
    const paid = await bookingWhere(cloud, booking, 'the late payment', (b) =>
      timelineTypes(b).includes('email_sent'),
    );

    expect(early).toMatchObject({ paymentStatus: 'pending' });
    expect(paid).toMatchObject({ paymentStatus: 'paid' });
  });
});

function never(): never {
  throw new Error('Stripe has no such PaymentIntent.');
}

/** The booking's schedule version as stored (the workflow run serves one). */
async function storedVersion(bookingId: string): Promise<number> {
  const { Item } = await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
    new GetCommand({
      TableName: localResourceNames.table,
      Key: { pk: `BOOKING#${bookingId}`, sk: 'BOOKING' },
      ConsistentRead: true,
    }),
  );
  return Number(Item?.version);
}

describe('handled events shaped otherwise than the emulator sends them', () => {
  /** Drops what we never read and adds what we have never seen, at every level. */
  function reshaped(type: string, object: Record<string, unknown>, drop: readonly string[]) {
    const kept = Object.fromEntries(Object.entries(object).filter(([key]) => !drop.includes(key)));
    return JSON.stringify({
      id: `evt_reshaped_${Math.random()}`,
      created: Math.floor(Date.now() / 1000),
      type,
      // No object, api_version, livemode, pending_webhooks or request; fields from a newer API.
      context: 'acct_future',
      brand_new_envelope_field: { nested: [1, 2, 3] },
      data: {
        object: { ...kept, brand_new_object_field: { nested: true }, another_one: null },
        previous_attributes: { also_new: 1 },
      },
    });
  }

  it('takes a payment_intent.succeeded without the fields it does not use, with unknown ones: paid once, one call', async () => {
    const booking = await book();
    await faults.webhooks({
      kind: 'drop',
      eventType: 'payment_intent.succeeded',
      objectId: booking.paymentIntentId,
    });
    const intent = await payWithCard(cloud, booking);

    const answer = await faults.postSignedWebhook(
      reshaped(
        'payment_intent.succeeded',
        intent as unknown as Record<string, unknown>,
        // metadata too: the booking is found from the intent Stripe is asked for again.
        ['object', 'last_payment_error', 'description', 'client_secret', 'latest_charge'],
      ),
    );
    const paid = await bookingWhere(cloud, booking, 'the confirmation', (b) =>
      timelineTypes(b).includes('email_sent'),
    );

    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(paid).toMatchObject({ paymentStatus: 'paid', callStatus: 'scheduled' });
    expect(timelineTypes(paid).filter((type) => type === 'payment_succeeded')).toHaveLength(1);
    expect(await emailsAbout(booking)).toHaveLength(1);
  });

  it('takes a partial charge.refunded without the fields it does not use, with unknown ones: the amount recorded, the call kept', async () => {
    const booking = await paidBooking();
    await faults.webhooks({
      kind: 'drop',
      eventType: 'charge.refunded',
      objectId: booking.paymentIntentId,
    });
    const refund = await stripe.refunds.create({
      payment_intent: booking.paymentIntentId,
      amount: 250,
    });
    const charge = await stripe.charges.retrieve(String(refund.charge));
    expect(charge).toMatchObject({ amount_refunded: 250, refunded: false });

    const answer = await faults.postSignedWebhook(
      reshaped('charge.refunded', charge as unknown as Record<string, unknown>, [
        'object',
        'refunds',
        'balance_transaction',
        'description',
        'receipt_email',
      ]),
    );
    const after = await bookingWhere(
      cloud,
      booking,
      'the partial refund',
      (b) => b.amountRefundedCents === 250,
    );

    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(after).toMatchObject({ callStatus: 'scheduled', paymentStatus: 'paid' });
    expect(timelineTypes(after).filter((t) => t === 'payment_partially_refunded')).toHaveLength(1);
    expect(timelineTypes(after)).not.toContain('booking_cancelled');
    expect(await scheduleExists(booking.callId)).toBe(true);
  });
});
