import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import {
  bookingWhere,
  createBooking,
  daytimeCallee,
  getBooking,
  outbox,
  payWithCard,
  postJson,
  signedStripeEvent,
  timelineTypes,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

// One line and one-minute calls: every 5-minute instant sells exactly one place.
beforeAll(async () => {
  cloud = await startTestCloud({
    env: { CALL_CONCURRENCY_LIMIT: '1', EXPECTED_CALL_MINUTES: '1' },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

const schedule = (callId: string) =>
  new SchedulerClient({}).send(
    new GetScheduleCommand({
      Name: `booking-${callId}`,
      GroupName: localResourceNames.scheduleGroup,
    }),
  );

describe('booking, paying and scheduling a call', () => {
  it('books, is paid by card through Stripe, and becomes scheduled with one Scheduler entry and one email', async () => {
    const callAt = tomorrowAt(17);
    const booking = await createBooking(cloud, { scheduledAt: callAt, purchaseRecording: true });

    const intent = await payWithCard(cloud, booking);
    const paid = await bookingWhere(cloud, booking, 'the booking to be scheduled', (b) =>
      timelineTypes(b).includes('email_sent'),
    );
    const entry = await schedule(booking.callId);
    const emails = (await outbox(cloud)).filter((email) => email.text.includes(booking.callId));

    expect(booking).toMatchObject({ amountCents: 1298, currency: 'usd' });
    expect(booking.clientSecret).toMatch(/^pi_.+_secret_/);
    expect(intent.status).toBe('succeeded');
    expect(paid).toMatchObject({ callStatus: 'scheduled', paymentStatus: 'paid' });
    // The reminder is due, so the workflow starts an hour before the call.
    const oneHourBefore = new Date(Date.parse(callAt) - 3600_000).toISOString().slice(0, 19);
    expect(entry).toMatchObject({
      ScheduleExpression: `at(${oneHourBefore})`,
      ActionAfterCompletion: 'DELETE',
      Target: expect.objectContaining({ Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution' }),
    });
    expect(JSON.parse(entry.Target?.Input ?? '{}')).toMatchObject({
      StateMachineArn: localArns.stateMachine,
      Name: expect.stringContaining(booking.callId),
    });
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toBe('parent@example.com');
    expect(emails[0]?.text).toContain(`/manage/${booking.callId}#token=${booking.accessToken}`);
    expect(timelineTypes(paid)).toEqual([
      'booking_created',
      'payment_intent_created',
      'payment_succeeded',
      'call_scheduled',
      'email_sent',
    ]);
  });

  it('changes nothing when the same signed payment event arrives again', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(18) });
    // Really paid (its own webhook dropped), so the webhook's re-read of the intent agrees.
    await new StripeFaults(cloud.config.stripe.baseUrl, cloud.config.stripeKeys.secret).webhooks({
      kind: 'drop',
      objectId: booking.paymentIntentId,
    });
    await payWithCard(cloud, booking);
    const event = signedStripeEvent(cloud.config.secrets.stripeWebhook, {
      id: `evt_test_${booking.callId}`,
      type: 'payment_intent.succeeded',
      object: {
        id: booking.paymentIntentId,
        object: 'payment_intent',
        amount: booking.amountCents,
        currency: 'usd',
        status: 'succeeded',
        metadata: { bookingId: booking.callId },
      },
    });
    const send = () =>
      postJson(cloud, '/api/webhooks/stripe', event.payload, {
        'stripe-signature': event.signature,
      });

    const first = await send();
    const afterFirst = await getBooking(cloud, booking.callId, booking.accessToken);
    const second = await send();
    const afterSecond = await getBooking(cloud, booking.callId, booking.accessToken);
    const emails = (await outbox(cloud)).filter((email) => email.text.includes(booking.callId));

    expect(first).toEqual({ status: 200, body: { received: true } });
    expect(second).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(afterFirst.body).toMatchObject({ paymentStatus: 'paid', callStatus: 'scheduled' });
    expect(afterSecond.body.timeline).toEqual(afterFirst.body.timeline);
    expect(emails).toHaveLength(1);
  });

  it.each([
    ['a signature made with the wrong secret', 'whsec_not_ours', undefined, 0],
    ['a body changed after signing', undefined, 'tamper', 15],
    ['no signature at all', undefined, 'drop', 30],
  ])('refuses %s with 400 and changes nothing', async (_, secret, change, minute) => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(19, minute) });
    const event = signedStripeEvent(secret ?? cloud.config.secrets.stripeWebhook, {
      id: `evt_forged_${booking.callId}`,
      type: 'payment_intent.succeeded',
      object: {
        id: booking.paymentIntentId,
        object: 'payment_intent',
        amount: 1,
        metadata: { bookingId: booking.callId },
      },
    });
    const payload =
      change === 'tamper' ? event.payload.replace('"amount":1', '"amount":2') : event.payload;
    const headers: Record<string, string> =
      change === 'drop' ? {} : { 'stripe-signature': event.signature };

    const response = await postJson(cloud, '/api/webhooks/stripe', payload, headers);
    const after = await getBooking(cloud, booking.callId, booking.accessToken);

    expect(response.status).toBe(400);
    expect(after.body).toMatchObject({ paymentStatus: 'pending', callStatus: 'pending' });
    await expect(schedule(booking.callId)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps a booking pending, with the failure in its timeline, when the card is declined', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(20) });

    await expect(payWithCard(cloud, booking, 'pm_card_chargeDeclined')).rejects.toMatchObject({
      type: 'StripeCardError',
    });
    const after = await bookingWhere(cloud, booking, 'the decline to be recorded', (b) =>
      timelineTypes(b).includes('payment_failed'),
    );

    expect(after).toMatchObject({ paymentStatus: 'pending', callStatus: 'pending' });
  });

  it('starts the workflow at once for a paid "call now" booking', async () => {
    const booking = await createBooking(cloud, {
      scheduledAt: undefined,
      callNow: true,
      ...daytimeCallee(),
    });

    await payWithCard(cloud, booking);
    const queued = await bookingWhere(cloud, booking, 'the call to start', (b) =>
      timelineTypes(b).includes('call_started'),
    );
    const execution = await new SFNClient({}).send(
      new DescribeExecutionCommand({
        executionArn: `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:booking-${booking.callId}-v2`,
      }),
    );

    expect(queued).toMatchObject({ callStatus: 'queued', paymentStatus: 'paid' });
    expect(execution.status).toBe('RUNNING');
    expect(JSON.parse(execution.input ?? '{}')).toMatchObject({
      bookingId: booking.callId,
      version: 2,
    });
  });
});

describe('capacity', () => {
  it('refuses a full slot with 409 and the nearest free times, and stops offering it', async () => {
    const callAt = tomorrowAt(21, 30);
    await createBooking(cloud, { scheduledAt: callAt });

    const second = await postJson(cloud, '/api/calls', validBooking({ scheduledAt: callAt }));
    const localDate = DateTime.fromISO(callAt, { zone: 'America/New_York' }).toISODate();
    const availability = await fetch(
      `${cloud.apiUrl}/api/availability?date=${localDate}&timezone=America/New_York`,
    ).then((r) => r.json() as Promise<{ times: { startsAt: string }[] }>);

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'slot_full' } });
    const nearest = (second.body.error as { nearestFreeTimes: { startsAt: string }[] })
      .nearestFreeTimes;
    expect(nearest.length).toBeGreaterThan(0);
    expect(nearest.map((time) => time.startsAt)).not.toContain(callAt);
    expect(availability.times.map((time) => time.startsAt)).not.toContain(callAt);
    expect(availability.times.map((time) => time.startsAt)).toContain(nearest[0]?.startsAt);
  });

  it('gives an expired unpaid place to the next parent only after cancelling its payment, so it is never sold twice', async () => {
    const callAt = tomorrowAt(21, 40);
    const late = await createBooking(cloud, { scheduledAt: callAt });
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const holdKey = { pk: `SLOT#${new Date(callAt).toISOString()}`, sk: `HOLD#${late.callId}` };
    await documents.send(
      new UpdateCommand({
        TableName: localResourceNames.table,
        Key: holdKey,
        UpdateExpression: 'SET holdExpiresAt = :past',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
      }),
    );

    const next = await postJson(cloud, '/api/calls', validBooking({ scheduledAt: callAt }));
    const latePayment = await payWithCard(cloud, late).then(
      () => 'paid',
      (error: { code?: string }) => error.code ?? 'refused',
    );
    const holds = await documents.send(
      new QueryCommand({
        TableName: localResourceNames.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hold)',
        ExpressionAttributeValues: { ':pk': holdKey.pk, ':hold': 'HOLD#' },
      }),
    );

    expect(next.status).toBe(201);
    // The first parent's intent was cancelled before their place was given away.
    expect(latePayment).toBe('payment_intent_unexpected_state');
    expect(holds.Items?.map((hold) => hold.sk)).toEqual([
      `HOLD#${(next.body as { callId: string }).callId}`,
    ]);
  });
});

describe('managing a booking with its access token', () => {
  it('reschedules a paid booking: the schedule moves and the old time is free again', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(22) });
    await payWithCard(cloud, booking);
    await bookingWhere(cloud, booking, 'payment', (b) =>
      timelineTypes(b).includes('call_scheduled'),
    );
    const newTime = tomorrowAt(22, 45);

    const moved = await postJson(
      cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: newTime },
      { authorization: `Bearer ${booking.accessToken}` },
      'PATCH',
    );
    const entry = await schedule(booking.callId);
    const reuse = await postJson(
      cloud,
      '/api/calls',
      validBooking({ scheduledAt: tomorrowAt(22) }),
    );

    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      callStatus: 'scheduled',
      schedule: { scheduledAt: newTime },
    });
    expect(entry.ScheduleExpression).toBe(
      `at(${new Date(Date.parse(newTime) - 3600_000).toISOString().slice(0, 19)})`,
    );
    // Created v1, paid v2, moved v3: each version starts its own execution.
    expect(JSON.parse(entry.Target?.Input ?? '{}').Name).toBe(`booking-${booking.callId}-v3`);
    expect(reuse.status).toBe(201);
  });

  it('refuses a reschedule outside calling hours with a field error', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(14) });

    const moved = await postJson(
      cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: tomorrowAt(5) },
      { authorization: `Bearer ${booking.accessToken}` },
      'PATCH',
    );

    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({
      error: { fields: { scheduledAt: expect.stringContaining('08:00–21:00') } },
    });
  });

  it('cancels a paid booking with a refund and deletes its schedule; cancelling again answers the same', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(15) });
    await payWithCard(cloud, booking);
    await bookingWhere(cloud, booking, 'payment', (b) =>
      timelineTypes(b).includes('call_scheduled'),
    );
    const cancel = () =>
      postJson(
        cloud,
        `/api/calls/${booking.callId}/cancel`,
        {},
        { authorization: `Bearer ${booking.accessToken}` },
      );

    const first = await cancel();
    const again = await cancel();

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      callStatus: 'cancelled',
      paymentStatus: 'refunded',
      refunded: true,
    });
    expect(again.body).toMatchObject({ callStatus: 'cancelled', paymentStatus: 'refunded' });
    await expect(schedule(booking.callId)).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(timelineTypes(again.body).filter((type) => type === 'booking_cancelled')).toHaveLength(
      1,
    );
  });

  it.each([
    ['a wrong token', (token: string) => ({ authorization: `Bearer ${token.slice(1)}x` }), 0],
    ['no token', () => ({}), 15],
    ['a malformed header', (token: string) => ({ authorization: token }), 30],
  ])('answers %s with 404 and reveals nothing', async (_, headers, minute) => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(13, minute) });

    const response = await fetch(`${cloud.apiUrl}/api/calls/${booking.callId}`, {
      headers: headers(booking.accessToken),
    });
    const cancel = await postJson(
      cloud,
      `/api/calls/${booking.callId}/cancel`,
      {},
      headers(booking.accessToken),
    );

    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain('Emma');
    expect(cancel.status).toBe(404);
  });

  it('answers an unknown booking id exactly like a wrong token', async () => {
    const booking = await createBooking(cloud, { scheduledAt: tomorrowAt(13, 45) });

    const unknown = await getBooking(cloud, '01ARZ3NDEKTSV4RRFFQ69G5FAV', booking.accessToken);
    const wrong = await getBooking(cloud, booking.callId, 'x'.repeat(43));

    expect(unknown).toEqual(wrong);
  });
});
