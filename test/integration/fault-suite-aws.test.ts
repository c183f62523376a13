import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames, localUrl } from '../../local/config.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { s3Faults } from '../../local/s3-faults-client.ts';
import { sesFaults } from '../../local/ses/faults-client.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import {
  bookingWhere,
  createBooking,
  outbox,
  payWithCard,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import {
  allDayHours,
  FaultSuite,
  type SuiteBooking,
  startSuiteCloud,
  suiteTestTimeoutMs,
} from './support/fault-suite.ts';
import { eventually } from './support/local-cloud.ts';

vi.setConfig({ testTimeout: suiteTestTimeoutMs });

/**
 * SES and S3 failing after the call — the transcript email, the records save, the parent's
 * "could not reach" email — and every booking still ends true: a completed call stays
 * completed with its follow-up shown, and the reconciler's recovery run finishes the work once.
 */

let cloud: RunningLocalCloud;
const suite = new FaultSuite('aws', () => ({ cloud, hours: allDayHours }));
const ses = () => sesFaults(localUrl(cloud.config.ports.ses));
const s3 = () => s3Faults(localUrl(cloud.config.ports.s3));
const stripe = () => new StripeFaults(localUrl(cloud.config.ports.stripe));

/**
 * Every try of one workflow step: the SDK makes 3 attempts per call (it retries 5xx and 429
 * itself) and the step is tried 5 times (its Retry of TransientError, MaxAttempts 4).
 */
const everyTryOfOneStep = 15;

beforeAll(async () => {
  cloud = await startSuiteCloud();
});

afterAll(async () => {
  await ses()
    .clear()
    .catch(() => undefined);
  await s3()
    .clear()
    .catch(() => undefined);
  suite.summary();
  await cloud?.stop();
});

/** Waits until the completed booking shows that after-call work is being retried. */
function followUpShown(made: SuiteBooking, problem: string) {
  return suite.watched(
    made,
    bookingWhere(
      cloud,
      made.booking,
      `${made.booking.callId} to show ${problem}`,
      (body) => body.callStatus === 'completed' && body.followUp === problem,
      60_000,
    ),
  );
}

describe('the transcript email', () => {
  it('keeps a call completed when SES fails every try, shows the follow-up, and the recovery run sends it once', async () => {
    const made = await suite.book('SES fails the transcript email', '+14155552901');
    await ses().inject({
      fault: { kind: 'service-unavailable' },
      times: everyTryOfOneStep,
      match: { recipient: made.parentEmail, subjectContains: 'call with Santa' },
    });
    await payWithCard(cloud, made.booking);

    const shown = await followUpShown(made, 'transcript_email_not_sent');
    const done = await suite.ended(made, 90_000);
    await suite.expectTrueEndings([made]);

    expect(shown).toMatchObject({ paymentStatus: 'paid' });
    expect(await ses().queued()).toEqual([]);
    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid', followUp: null });
    expect(timelineTypes(done)).toContain('after_call_problem');
  }, 150_000);

  it('sends the transcript email once when SES throttles it three times', async () => {
    const made = await suite.book('SES throttles the transcript email', '+14155552902');
    await ses().inject({
      fault: { kind: 'throttled' },
      times: 3,
      match: { recipient: made.parentEmail, subjectContains: 'call with Santa' },
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 60_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });

  it('sends the transcript email once when SES hangs on it and then answers', async () => {
    const made = await suite.book('SES hangs on the transcript email', '+14155552903');
    await ses().inject({
      fault: { kind: 'hang', hangMs: 1500 },
      times: 2,
      match: { recipient: made.parentEmail, subjectContains: 'call with Santa' },
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 60_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });
});

describe('the confirmation email', () => {
  it('answers the Stripe webhook 200 when SES refuses the confirmation, and the reconciler sends it once', async () => {
    // Arrange: a call booked for tomorrow (the reconciler owes a confirmation while the call is
    // ahead); SES refuses the confirmation once (not retryable, like the sandbox's "not
    // authorized"); the emulator's own delivery is dropped so this test posts Stripe's event.
    const parentEmail = 'fault-aws-confirmation@example.com';
    const booking = await createBooking(cloud, {
      scheduledAt: tomorrowAt(18, 5),
      parentEmail,
      phoneNumber: '+14155552911',
    });
    await ses().inject({
      fault: { kind: 'message-rejected' },
      times: 1,
      match: { recipient: parentEmail, subjectContains: 'Santa will call' },
    });
    await stripe().webhooks({
      kind: 'drop',
      eventType: 'payment_intent.succeeded',
      objectId: booking.paymentIntentId,
    });
    const intent = await payWithCard(cloud, booking);

    // Act: Stripe delivers payment_intent.succeeded, signed as Stripe signs it.
    const answer = await stripe().postSignedWebhook(
      JSON.stringify({
        id: `evt_confirmation_${booking.callId}`,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'payment_intent.succeeded',
        data: { object: intent },
      }),
    );

    // Assert: applied and answered 2xx (else Stripe retries for days), the failure recorded,
    // and the confirmation sent once, by the reconciler.
    expect(answer.status).toBe(200);
    const failed = await bookingWhere(
      cloud,
      booking,
      `${booking.callId} to record the failed confirmation`,
      (body) => timelineTypes(body).includes('confirmation_email_failed'),
      30_000,
    );
    expect(failed).toMatchObject({ paymentStatus: 'paid', callStatus: 'scheduled' });
    expect(await ses().queued()).toEqual([]);
    const confirmations = await eventually(
      'the reconciler to send the confirmation',
      async () => {
        const sent = (await outbox(cloud)).filter(
          (email) => email.to.includes(parentEmail) && email.subject.startsWith('Santa will call'),
        );
        return sent.length > 0 ? sent : undefined;
      },
      60_000,
    );
    expect(confirmations).toHaveLength(1);
  }, 150_000);
});

describe('the call records', () => {
  it('keeps a call completed when S3 fails every save, shows the follow-up, and the recovery run saves and emails once', async () => {
    const made = await suite.book('S3 fails the records save', '+14155552904');
    await s3().inject({
      fault: { kind: 'internal-error' },
      // The transcript and the audio are put side by side: two SDK calls per try.
      times: 2 * everyTryOfOneStep,
      match: {
        method: 'PUT',
        bucket: localResourceNames.buckets.recordings,
        keyPrefix: `calls/${made.booking.callId}/`,
      },
    });
    await payWithCard(cloud, made.booking);

    const shown = await followUpShown(made, 'records_not_saved');
    const done = await suite.ended(made, 90_000);
    await suite.expectTrueEndings([made]);

    expect(shown).toMatchObject({ paymentStatus: 'paid' });
    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid', followUp: null });
    expect(timelineTypes(done)).toContain('call_records_saved');
  }, 150_000);
});

describe('the could-not-reach email', () => {
  it('refunds and tells the parent once when SES fails every try of that email', async () => {
    const made = await suite.book('SES fails the not-completed email', testNumbers.noAnswer, {
      reachable: false,
    });
    await ses().inject({
      fault: { kind: 'internal-failure' },
      times: everyTryOfOneStep,
      match: { recipient: made.parentEmail, subjectContains: 'could not reach' },
    });
    await payWithCard(cloud, made.booking);

    const done = await suite.ended(made, 120_000);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
  }, 150_000);
});

describe('the whole file', () => {
  it('left every booking in a true final state', async () => {
    await suite.expectTrueEndings();

    expect(suite.bookings).toHaveLength(5);
  });
});
