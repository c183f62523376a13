import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localUrl } from '../../local/config.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import { createBooking, payWithCard, timelineTypes, tomorrowAt } from './support/booking-api.ts';
import {
  allDayHours,
  FaultSuite,
  startSuiteCloud,
  suiteTestTimeoutMs,
} from './support/fault-suite.ts';
import { eventually } from './support/local-cloud.ts';

vi.setConfig({ testTimeout: suiteTestTimeoutMs });

/**
 * Stripe misbehaving — payment webhooks lost, sent twice or out of order, refunds failing —
 * and every paid call still ends true: called once paid, refunded once when not completed.
 */

let cloud: RunningLocalCloud;
const suite = new FaultSuite('stripe', () => ({ cloud, hours: allDayHours }));
const stripe = () => new StripeFaults(localUrl(cloud.config.ports.stripe));

// A minute passes in a second; the reconciler runs every 5 s and acts after 15 s.
beforeAll(async () => {
  cloud = await startSuiteCloud();
});

afterAll(async () => {
  await stripe()
    .clear()
    .catch(() => undefined);
  suite.summary();
  await cloud?.stop();
});

describe('Stripe payment webhooks', () => {
  it('applies a payment whose webhook was dropped through the reconciler, and calls once', async () => {
    const made = await suite.book('payment webhook dropped', '+14155552801');
    await stripe().webhooks({
      kind: 'drop',
      eventType: 'payment_intent.succeeded',
      objectId: made.booking.paymentIntentId,
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 90_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });

  it('takes a payment webhook sent twice as one payment: one confirmation, one call', async () => {
    const made = await suite.book('payment webhook duplicated', '+14155552802');
    await stripe().webhooks({
      kind: 'duplicate',
      eventType: 'payment_intent.succeeded',
      objectId: made.booking.paymentIntentId,
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    // Applied once: one payment in the trail and one call (the check above counts emails).
    expect(timelineTypes(done).filter((type) => type === 'payment_succeeded')).toHaveLength(1);
    expect(timelineTypes(done).filter((type) => type === 'call_placed')).toHaveLength(1);
  });

  it('takes payment webhooks out of order', async () => {
    const made = await suite.book('payment webhooks reordered', '+14155552803');
    await stripe().webhooks({
      kind: 'reorder',
      eventType: 'payment_intent.succeeded',
      objectId: made.booking.paymentIntentId,
      holdMs: 3000,
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });

  it('takes a payment webhook that comes late, after the reconciler may have asked Stripe', async () => {
    const made = await suite.book('payment webhook late', '+14155552804');
    await stripe().webhooks({
      kind: 'delay',
      eventType: 'payment_intent.succeeded',
      objectId: made.booking.paymentIntentId,
      delaySeconds: 25,
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 90_000);
    // The late webhook lands after the call may be over: it must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });
});

describe('Stripe refunds', () => {
  it('retries a refund Stripe answers with 500s and refunds once', async () => {
    const made = await suite.bookAndPay('refund 5xx', testNumbers.busy, { reachable: false });
    await stripe().api({ operation: 'refunds.create', kind: 'server_error', times: 3 });

    const done = await suite.ended(made, 90_000);
    await suite.expectTrueEndings([made]);
    const pending = await stripe().pending();

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
    expect(pending.api).toEqual([]);
  });

  it('retries a refund Stripe rate-limits and refunds once', async () => {
    const made = await suite.bookAndPay('refund 429', testNumbers.noAnswer, { reachable: false });
    await stripe().api({ operation: 'refunds.create', kind: 'rate_limited', times: 2 });

    const done = await suite.ended(made, 90_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
  });

  it('takes the refund webhook twice without refunding twice', async () => {
    const made = await suite.book('refund webhook duplicated', testNumbers.busy, {
      reachable: false,
    });
    await stripe().webhooks({
      kind: 'duplicate',
      eventType: 'charge.refunded',
      objectId: made.booking.paymentIntentId,
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
  });
});

describe('the whole file', () => {
  it('left every booking in a true final state', async () => {
    await suite.expectTrueEndings();

    expect(suite.bookings).toHaveLength(7);
  });
});

describe('abandoned checkouts', () => {
  it('gives an unpaid place back once its hold ran out, its PaymentIntent cancelled first', async () => {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, GetCommand, UpdateCommand } = await import(
      '@aws-sdk/lib-dynamodb'
    );
    const { localResourceNames } = await import('../../local/config.ts');
    const { retrievePaymentIntent } = await import('../../functions/adapters/payments.ts');
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const TableName = localResourceNames.table;
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(19, 35) });
    const instant = new Date(tomorrowAt(19, 35)).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const expire = (Key: Record<string, string>) =>
      documents.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET holdExpiresAt = :past',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':past': past },
        }),
      );
    const holdKey = { pk: `SLOT#${instant}`, sk: `HOLD#${booking.callId}` };
    await expire(holdKey);
    await expire({ pk: `BOOKING#${booking.callId}`, sk: 'BOOKING' });

    // The reconciler runs every 5 s here and looks at bookings 15 s old.
    await eventually(
      'the expired place to be given back',
      async () =>
        (await documents.send(new GetCommand({ TableName, Key: holdKey }))).Item ? undefined : true,
      90_000,
    );
    const intent = await retrievePaymentIntent(booking.paymentIntentId);
    const counter = await documents.send(
      new GetCommand({
        TableName,
        Key: { pk: `SLOTS#${instant.slice(0, 10)}`, sk: `SLOT#${instant}` },
      }),
    );

    expect(intent?.status).toBe('canceled');
    expect(counter.Item?.count).toBe(0);
  });
});
