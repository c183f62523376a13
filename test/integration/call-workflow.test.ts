import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signElevenLabsPayload } from '../../functions/webhooks/elevenlabs-signature.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { elevenLabsFaults } from '../../local/elevenlabs/faults-client.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  outbox,
  payWithCard,
  postJson,
  timelineTypes,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

// A minute of booking time passes in a second; retries wait one (scaled) minute; one line.
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      CALL_RETRY_WAIT_SECONDS: '60',
      EXPECTED_CALL_MINUTES: '1',
      // The emulator's test numbers are Californian: Santa may call them at any hour here, so
      // the suite passes whatever the hour in California (calling hours have their own tests).
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

async function paidCallNow(phoneNumber: string, extra: Record<string, unknown> = {}) {
  const booking = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber,
    ...extra,
  });
  await payWithCard(cloud, booking);
  return booking;
}

const finalStatuses = ['completed', 'no_answer', 'failed'];

/** Waits until the booking's call is over and the parent has been emailed about it. */
function callOver(booking: CreatedBooking) {
  return bookingWhere(
    cloud,
    booking,
    'the call to end and the parent to be told',
    (body) =>
      finalStatuses.includes(body.callStatus as string) &&
      (body.timeline as { type: string; detail?: { template?: string } }[]).some(
        (event) => event.type === 'email_sent' && event.detail?.template !== 'bookingConfirmation',
      ),
    // The longest path waits out the call task's 20-minute timeout: 20 s at this time scale.
    45_000,
  );
}

function executionHistory(callId: string) {
  return new SFNClient({}).send(
    new GetExecutionHistoryCommand({
      executionArn: `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:booking-${callId}-v2`,
      maxResults: 1000,
    }),
  );
}

async function emulatedConversation(conversationId: string) {
  const response = await fetch(
    `${cloud.config.elevenLabs.baseUrl}/v1/convai/conversations/${conversationId}`,
    { headers: { 'xi-api-key': 'xi_local_key' } },
  );
  return (await response.json()) as {
    conversation_initiation_client_data: { dynamic_variables: Record<string, unknown> };
  };
}

describe('the call workflow on the local cloud', () => {
  it('calls with what the parent told us, completes, saves transcript and audio, and emails the transcript', async () => {
    const booking = await paidCallNow('+14155552671', { giftBudget: 40 });

    const done = await callOver(booking);
    const conversationId =
      (done.timeline as { type: string; detail?: { conversationId?: string } }[]).find(
        (event) => event.type === 'call_placed',
      )?.detail?.conversationId ?? '';
    const conversation = await emulatedConversation(conversationId);
    const s3 = new S3Client({ forcePathStyle: true });
    const transcript = JSON.parse(
      (await (
        await s3.send(
          new GetObjectCommand({
            Bucket: localResourceNames.buckets.recordings,
            Key: `calls/${booking.callId}/transcript.json`,
          }),
        )
      ).Body?.transformToString()) ?? '{}',
    );
    const audio = Buffer.from(
      (await (
        await s3.send(
          new GetObjectCommand({
            Bucket: localResourceNames.buckets.recordings,
            Key: `calls/${booking.callId}/audio.mp3`,
          }),
        )
      ).Body?.transformToByteArray()) ?? [],
    );
    const transcriptEmails = (await outbox(cloud)).filter(
      (email) =>
        email.subject.includes('transcript') &&
        email.html.includes(`/recording/${booking.callId}#token=${booking.accessToken}`),
    );
    const { events } = await executionHistory(booking.callId);
    const states = events?.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(conversation.conversation_initiation_client_data.dynamic_variables).toMatchObject({
      child_name: 'Emma',
      child_age: 7,
      child_gender: 'girl',
      child_info_text: 'Loves dinosaurs and her cat Pepper.',
      child_info_voice_transcript: '',
      gift_budget: '40 US dollars',
      call_local_time: expect.any(String),
    });
    expect(JSON.stringify(transcript.turns)).toContain('Emma');
    expect(audio.length).toBeGreaterThan(1000);
    expect(
      audio.subarray(0, 3).toString('latin1') === 'ID3' ||
        (audio[0] === 0xff && ((audio[1] ?? 0) & 0xe0) === 0xe0),
    ).toBe(true);
    expect(transcriptEmails).toHaveLength(1);
    expect(states).toEqual(
      expect.arrayContaining([
        'Check the booking is still on',
        'Wait until the call time',
        'Transcribe the voice note',
        'Confirm the booking before calling',
        'Wait for a free line',
        'Place the call and wait for the outcome',
        'Release the line',
        'Decide what to do after the call',
        "Save the call's transcript and audio",
        'Send the transcript email',
        "Santa's call is done",
      ]),
    );
  });

  it('shows the parent the transcript and a short-lived audio link, then erases the child on request', async () => {
    // The audio link comes with the recording; the brief call keeps its video's render short.
    const booking = await paidCallNow(testNumbers.brief, { purchaseRecording: true });
    await callOver(booking);

    const view = await getBooking(cloud, booking.callId, booking.accessToken);
    const media = view.body.media as {
      transcript: { message: string }[];
      audioUrl: string;
      downloadUrl: string;
    };
    const audio = await fetch(media.audioUrl);
    const early = await postJson(
      cloud,
      `/api/calls/${booking.callId}/erase`,
      {},
      { authorization: 'Bearer wrong' },
    );
    const erased = await postJson(
      cloud,
      `/api/calls/${booking.callId}/erase`,
      {},
      { authorization: `Bearer ${booking.accessToken}` },
    );
    const after = await getBooking(cloud, booking.callId, booking.accessToken);
    const transcriptGone = await new S3Client({ forcePathStyle: true })
      .send(
        new GetObjectCommand({
          Bucket: localResourceNames.buckets.recordings,
          Key: `calls/${booking.callId}/transcript.json`,
        }),
      )
      .then(
        () => false,
        () => true,
      );

    expect(JSON.stringify(media.transcript)).toContain('Emma');
    expect(audio.status).toBe(200);
    expect(decodeURIComponent(media.downloadUrl)).toContain('attachment');
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(early.status).toBe(404);
    expect(erased.status).toBe(200);
    // The video still to be made never will be: an erase ends it.
    expect(after.body).toMatchObject({ child: { name: null }, media: {}, videoStatus: 'failed' });
    expect(JSON.stringify(after.body)).not.toContain('dinosaurs');
    expect(timelineTypes(after.body)).toContain('child_data_erased');
    expect(transcriptGone).toBe(true);
  });

  it('calls again after a busy line and completes on the fourth attempt', async () => {
    const booking = await paidCallNow('+14155550105');

    const done = await callOver(booking);
    const types = timelineTypes(done);

    expect(done).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(types.filter((type) => type === 'call_placed')).toHaveLength(4);
    expect(types.filter((type) => type === 'call_attempt_unanswered')).toHaveLength(3);
  });

  it.each([
    ['a line that is always busy', '+14155550101'],
    ['voicemail every time', '+14155550103'],
  ])('ends no_answer after three retries on %s, refunds and tells the parent', async (_, phone) => {
    const booking = await paidCallNow(phone);

    const done = await callOver(booking);
    const notCompleted = (await outbox(cloud)).filter((email) =>
      email.subject.startsWith('Santa could not reach'),
    );

    expect(done).toMatchObject({ callStatus: 'no_answer', paymentStatus: 'refunded' });
    expect(timelineTypes(done).filter((type) => type === 'call_placed')).toHaveLength(4);
    expect(notCompleted.length).toBeGreaterThanOrEqual(1);
  });

  it('asks ElevenLabs for the status when no webhook ever comes, then ends failed and refunded', async () => {
    const booking = await paidCallNow('+14155550104');

    const done = await callOver(booking);
    const { events } = await executionHistory(booking.callId);

    expect(done).toMatchObject({ callStatus: 'failed', paymentStatus: 'refunded' });
    expect(events?.map((event) => event.type)).toContain('TaskTimedOut');
    expect(events?.flatMap((event) => event.stateEnteredEventDetails?.name ?? [])).toContain(
      'Ask ElevenLabs how the call went',
    );
  });

  it('after a 503 from ElevenLabs, looks the dial up before dialling again, rings once and completes', async () => {
    const booking = await paidCallNow('+14155550106');

    const done = await callOver(booking);
    const { events } = await executionHistory(booking.callId);
    const rung = (await elevenLabsFaults(cloud.config.elevenLabs.baseUrl).placedCalls()).filter(
      (call) => call.toNumber === '+14155550106',
    );

    expect(done).toMatchObject({ callStatus: 'completed' });
    // The 503 left it unknown whether ElevenLabs dialled: the step asked before trying again.
    expect(
      events
        ?.filter((event) => event.type === 'TaskFailed')
        .map((event) => event.taskFailedEventDetails?.error),
    ).toContain('DialUnconfirmed');
    expect(rung).toHaveLength(1);
  });
});

describe('POST /api/webhooks/elevenlabs', () => {
  const secret = () => cloud.config.secrets.elevenLabsWebhook;
  const payload = (conversationId: string) =>
    JSON.stringify({
      type: 'call_initiation_failure',
      event_timestamp: Math.floor(Date.now() / 1000),
      data: {
        conversation_id: conversationId,
        agent_id: 'agent',
        failure_reason: 'busy',
        metadata: { type: 'twilio', body: {} },
      },
    });
  const send = (body: string, signature: string | undefined) =>
    postJson(
      cloud,
      '/api/webhooks/elevenlabs',
      body,
      signature ? { 'elevenlabs-signature': signature } : {},
    );

  it.each([
    ['no signature', () => undefined],
    [
      'a signature made with another secret',
      (body: string) => signElevenLabsPayload(body, 'not-ours'),
    ],
    [
      'a stale signature',
      (body: string) => signElevenLabsPayload(body, secret(), Math.floor(Date.now() / 1000) - 3600),
    ],
    [
      'a signature from the future',
      (body: string) => signElevenLabsPayload(body, secret(), Math.floor(Date.now() / 1000) + 3600),
    ],
  ])('refuses %s with 401', async (_, sign) => {
    const body = payload('conv_forged');

    const response = await send(body, sign(body));

    expect(response.status).toBe(401);
  });

  it('acknowledges an unknown conversation with 200 and changes nothing', async () => {
    const body = payload('conv_nobody_knows');

    const response = await send(body, signElevenLabsPayload(body, secret()));

    // Kept for its dial step in case the call's token is not parked yet; nothing else changes.
    expect(response).toEqual({ status: 200, body: { received: true, kept: true } });
  });

  it('changes nothing when a finished call’s webhooks come again or out of order', async () => {
    const booking = await paidCallNow('+14155552671');
    const done = await callOver(booking);
    const conversationId =
      (done.timeline as { type: string; detail?: { conversationId?: string } }[]).find(
        (event) => event.type === 'call_placed',
      )?.detail?.conversationId ?? '';
    const transcription = JSON.stringify({
      type: 'post_call_transcription',
      event_timestamp: Math.floor(Date.now() / 1000),
      data: {
        conversation_id: conversationId,
        status: 'done',
        transcript: [{ role: 'agent', message: 'Ho ho ho!', time_in_call_secs: 0 }],
        metadata: { phone_call: { call_result: 'answered' } },
      },
    });
    const lateFailure = payload(conversationId);

    const again = await send(transcription, signElevenLabsPayload(transcription, secret()));
    const late = await send(lateFailure, signElevenLabsPayload(lateFailure, secret()));
    const after = await getBooking(cloud, booking.callId, booking.accessToken);

    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(late.status).toBe(200);
    expect(after.body).toMatchObject({ callStatus: 'completed', paymentStatus: 'paid' });
    expect(after.body.timeline).toEqual(done.timeline);
  });

  it('acknowledges an event type it does not use', async () => {
    const body = JSON.stringify({ type: 'something_new', event_timestamp: 1, data: {} });

    const response = await send(body, signElevenLabsPayload(body, secret()));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ignored: true });
  });
});
