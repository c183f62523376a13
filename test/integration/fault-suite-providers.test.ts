import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import type { FaultRequest } from '../../local/elevenlabs/faults.ts';
import { elevenLabsFaults } from '../../local/elevenlabs/faults-client.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { getBooking, timelineTypes } from './support/booking-api.ts';
import {
  allDayHours,
  callsOf,
  FaultSuite,
  startSuiteCloud,
  suiteTestTimeoutMs,
} from './support/fault-suite.ts';

vi.setConfig({ testTimeout: suiteTestTimeoutMs });

/**
 * ElevenLabs misbehaving — errors, hangs, lost answers, odd shapes, missing or late webhooks —
 * and every paid call still ends true, rung once per attempt.
 */

let cloud: RunningLocalCloud;
const suite = new FaultSuite('providers', () => ({ cloud, hours: allDayHours }));
const faults = () => elevenLabsFaults(cloud.config.elevenLabs.baseUrl);

// A minute of booking time passes in a second; retries wait one (scaled) minute.
beforeAll(async () => {
  cloud = await startSuiteCloud();
});

// A scenario that fails must not leave its unmatched faults to the next one.
afterEach(async () => {
  await faults().clear();
});

afterAll(async () => {
  await faults()
    .clear()
    .catch(() => undefined);
  suite.summary();
  await cloud?.stop();
});

/** A number of its own per scenario, so a fault aimed at it hits that booking only. */
let nextNumber = 2701;
const freshNumber = () => `+1415555${nextNumber++}`;

/** Queues `requests` for a fresh number, books and pays, and checks the booking ends true. */
async function scenario(
  name: string,
  requests: (toNumber: string) => FaultRequest[],
  options: { phoneNumber?: string; reachable?: boolean; timeoutMs?: number } = {},
) {
  const phoneNumber = options.phoneNumber ?? freshNumber();
  for (const request of requests(phoneNumber)) await faults().inject(request);
  const made = await suite.bookAndPay(name, phoneNumber, {
    ...(options.reachable === undefined ? {} : { reachable: options.reachable }),
  });
  const done = await suite.ended(made, options.timeoutMs);
  await suite.expectTrueEndings([made]);
  return { made, done, calls: await callsOf(cloud, made) };
}

describe('ElevenLabs outbound-call faults', () => {
  it.each([
    ['a 500 then a 502', [500, 502]],
    ['a 503 three times', [503, 503, 503]],
    ['a 429 twice', [429, 429]],
  ] as const)('after %s on the outbound call, rings once and completes', async (_, statuses) => {
    const { done, calls } = await scenario(`outbound ${statuses.join('/')}`, (toNumber) =>
      statuses.map((status) => ({
        operation: 'outbound-call',
        fault: { kind: 'http-error', status },
        match: { toNumber },
      })),
    );

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(calls).toHaveLength(1);
  });

  it('when the outbound call hangs past the client’s timeout, looks the dial up, dials once and completes', async () => {
    const { done, calls } = await scenario('outbound hang', (toNumber) => [
      { operation: 'outbound-call', fault: { kind: 'hang' }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['a 503', { kind: 'answer-lost', status: 503 }],
    ['a hang', { kind: 'answer-lost' }],
  ] as const)(
    'when the answer is lost (%s) after the call was placed, rings once',
    async (how, fault) => {
      const { done, calls } = await scenario(`answer lost (${how})`, (toNumber) => [
        { operation: 'outbound-call', fault, match: { toNumber } },
      ]);

      expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
      expect(calls).toHaveLength(1);
    },
  );

  it.each([
    ['says success: false but the call was placed', { kind: 'not-success', placed: true }],
    ['says success: false and nothing was placed', { kind: 'not-success', placed: false }],
    ['has no callSid', { kind: 'no-call-sid' }],
  ] as const)('when the answer %s, rings once and completes', async (how, fault) => {
    const { done, calls } = await scenario(`answer ${how}`, (toNumber) => [
      { operation: 'outbound-call', fault, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(calls).toHaveLength(1);
  });
});

describe('answers shaped otherwise', () => {
  it('takes answers missing fields it does not use, with the dial looked up and the status asked', async () => {
    const { done, calls } = await scenario(
      'missing fields',
      (toNumber) => [
        {
          operation: 'outbound-call',
          fault: { kind: 'drop-fields', paths: ['message', 'callSid'] },
          match: { toNumber },
        },
        // The transcription webhook never comes: the status check reads the conversation.
        { operation: 'webhook', fault: { kind: 'drop' }, match: { toNumber } },
      ],
      { timeoutMs: 60_000 },
    );
    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(calls).toHaveLength(1);
  });

  it('takes conversation, list and webhook answers with fields it has never seen', async () => {
    const toNumber = freshNumber();
    await faults().inject({
      operation: 'outbound-call',
      fault: { kind: 'answer-lost', status: 503 },
      match: { toNumber },
    });
    // The lost answer sends the dial step to the list and the conversation; both come with extras.
    await faults().inject({
      operation: 'list-conversations',
      fault: { kind: 'extra-fields' },
      times: 20,
    });
    await faults().inject({
      operation: 'get-conversation',
      fault: { kind: 'extra-fields' },
      times: 20,
    });
    await faults().inject({
      operation: 'webhook',
      fault: { kind: 'extra-fields' },
      match: { toNumber },
      times: 3,
    });
    const made = await suite.bookAndPay('extra fields', toNumber);
    const done = await suite.ended(made);
    await faults().clear();
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(await callsOf(cloud, made)).toHaveLength(1);
  });

  it('takes conversation and list answers missing fields it does not use', async () => {
    const toNumber = freshNumber();
    await faults().inject({
      operation: 'outbound-call',
      fault: { kind: 'answer-lost', status: 503 },
      match: { toNumber },
    });
    await faults().inject({
      operation: 'list-conversations',
      fault: {
        kind: 'drop-fields',
        paths: ['conversations.*.agent_id', 'conversations.*.start_time_unix_secs', 'has_more'],
      },
      times: 20,
    });
    await faults().inject({
      operation: 'get-conversation',
      fault: {
        kind: 'drop-fields',
        paths: ['agent_id', 'analysis', 'conversation_initiation_client_data', 'has_audio'],
      },
      times: 20,
    });
    await faults().inject({
      operation: 'webhook',
      fault: { kind: 'drop-fields', paths: ['event_timestamp', 'data.agent_id', 'data.analysis'] },
      match: { toNumber },
    });
    const made = await suite.bookAndPay('missing fields (list, conversation)', toNumber);
    const done = await suite.ended(made);
    await faults().clear();
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(await callsOf(cloud, made)).toHaveLength(1);
  });
});

describe('calls that end oddly', () => {
  it('completes an answered call whose conversation has no call_result', async () => {
    const { done } = await scenario('no call_result, answered', (toNumber) => [
      { operation: 'call', fault: { kind: 'no-call-result' }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
  });

  it('never completes a voicemail whose conversation has no call_result', async () => {
    const { done, calls } = await scenario(
      'no call_result, voicemail',
      (toNumber) => [
        { operation: 'call', fault: { kind: 'no-call-result' }, match: { toNumber }, times: 4 },
      ],
      { phoneNumber: testNumbers.voicemail, reachable: false },
    );

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
    expect(calls).toHaveLength(4);
  });

  it('completes a call whose transcript has tool-call turns with message: null', async () => {
    const { done, made } = await scenario('tool-call turns', (toNumber) => [
      { operation: 'call', fault: { kind: 'tool-call-turns' }, match: { toNumber } },
    ]);
    const view = await getBooking(cloud, made.booking.callId, made.booking.accessToken);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(JSON.stringify((view.body.media as { transcript?: unknown }).transcript)).toContain(
      'Emma',
    );
  });
});

describe('ElevenLabs webhooks', () => {
  it('ends a call whose webhook was dropped through the status check', async () => {
    const { done } = await scenario('webhook dropped', (toNumber) => [
      { operation: 'webhook', fault: { kind: 'drop' }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed' });
  });

  it('ends a busy call whose failure webhook was dropped through the status check, and retries', async () => {
    const { done, calls } = await scenario(
      'busy webhook dropped',
      (toNumber) => [{ operation: 'webhook', fault: { kind: 'drop' }, match: { toNumber } }],
      { phoneNumber: testNumbers.busy, reachable: false },
    );

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
    expect(calls).toHaveLength(4);
  });

  it('completes once when the webhook comes twice', async () => {
    const { done } = await scenario('webhook duplicated', (toNumber) => [
      { operation: 'webhook', fault: { kind: 'duplicate' }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(timelineTypes(done).filter((type) => type === 'call_completed')).toHaveLength(1);
  });

  it('completes when the audio webhook comes before the transcription', async () => {
    const { done } = await scenario('webhooks reordered', (toNumber) => [
      { operation: 'webhook', fault: { kind: 'reorder' }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed' });
  });

  it('completes when the webhook is a little late', async () => {
    const { done } = await scenario('webhook late (3 s)', (toNumber) => [
      { operation: 'webhook', fault: { kind: 'delay', seconds: 3 }, match: { toNumber } },
    ]);

    expect(done).toMatchObject({ callStatus: 'completed' });
  });

  it('ends through the status check when the webhook comes after the call task gave up, and the late webhook changes nothing', async () => {
    const { done, made } = await scenario('webhook later than the task timeout', (toNumber) => [
      { operation: 'webhook', fault: { kind: 'delay', seconds: 25 }, match: { toNumber } },
    ]);
    // The call task's timeout is 15 s here; the webhook lands ten seconds after it.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const after = await getBooking(cloud, made.booking.callId, made.booking.accessToken);
    await suite.expectTrueEndings([made]);

    expect(done).toMatchObject({ callStatus: 'completed' });
    expect(after.body.callStatus).toBe('completed');
    expect(after.body.timeline).toHaveLength((done.timeline as unknown[]).length);
  });
});

describe('the whole file', () => {
  it('left every booking in a true final state', async () => {
    await suite.expectTrueEndings();

    expect(suite.bookings).toHaveLength(21);
  });
});
