import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketIds } from '../../functions/resources.ts';
import {
  type VoiceNoteUpload,
  voiceNoteUploadSchema,
} from '../../functions/schemas/api/voice-note-upload.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames, localUrl } from '../../local/config.ts';
import { s3Faults } from '../../local/s3-faults-client.ts';
import { parseAnswer } from './support/api-answer.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  payWithCard,
  postJson,
  timelineTypes,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;
const s3 = () => new S3Client({ forcePathStyle: true });

// A minute of booking time passes in a second; Santa may call at any hour here.
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      CALL_RETRY_WAIT_SECONDS: '60',
      EXPECTED_CALL_MINUTES: '1',
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

/** Gets an upload form and posts a voice note with it, as the site does. */
async function uploadVoiceNote(): Promise<VoiceNoteUpload> {
  const answer = await postJson(cloud, '/api/voice-notes', {
    contentType: 'audio/webm',
    sizeBytes: 5,
  });
  const upload = parseAnswer(voiceNoteUploadSchema, answer.body, 'upload');
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from('voice')], { type: 'audio/webm' }));
  const stored = await fetch(upload.uploadUrl, { method: 'POST', body: form });
  if (stored.status >= 300) throw new Error(`The upload failed: ${stored.status}`);
  return upload;
}

async function voiceNoteThere(key: string): Promise<boolean> {
  return s3()
    .send(new HeadObjectCommand({ Bucket: localResourceNames.buckets.voiceNotes, Key: key }))
    .then(
      () => true,
      () => false,
    );
}

/** Every object key in the three media buckets. */
async function allMediaKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (const id of bucketIds) {
    const listed = await s3().send(
      new ListObjectsV2Command({ Bucket: localResourceNames.buckets[id] }),
    );
    keys.push(...(listed.Contents ?? []).map((object) => object.Key ?? ''));
  }
  return keys;
}

/** Every item of the table whose JSON mentions `text`. */
async function tableItemsMentioning(text: string): Promise<Record<string, unknown>[]> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: localResourceNames.table, ExclusiveStartKey: startKey }),
    );
    found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(text)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

function elevenLabsGet(path: string): Promise<Response> {
  return fetch(`${cloud.config.elevenLabs.baseUrl}${path}`, {
    headers: { 'xi-api-key': cloud.config.elevenLabsAccount.apiKey },
  });
}

function stripeServer(): Stripe {
  return new Stripe(cloud.config.stripeKeys.secret, {
    host: '127.0.0.1',
    port: cloud.config.ports.stripe,
    protocol: 'http',
  });
}

const erase = (booking: CreatedBooking) =>
  postJson(
    cloud,
    `/api/calls/${booking.callId}/erase`,
    {},
    { authorization: `Bearer ${booking.accessToken}` },
  );

type Timeline = { type: string; detail?: Record<string, string> }[];

describe('erasing a booking after its call', () => {
  it('leaves nothing personal in the table, S3, ElevenLabs or Stripe, and records who asked', async () => {
    const note = await uploadVoiceNote();
    const booking = await createBooking(cloud, {
      scheduledAt: undefined,
      callNow: true,
      timezone: 'America/Los_Angeles',
      phoneNumber: '+14155552671',
      parentEmail: 'erase.me@example.com',
      childName: 'Rosalind',
      childInfoText: 'Loves marmosets and the colour teal.',
      voiceNoteKey: note.key,
      voiceNoteProof: note.proof,
    });
    // We send Stripe no email (functions/adapters/payments.ts): nothing to erase there.
    const { receipt_email: sentToStripe } = await stripeServer().paymentIntents.retrieve(
      booking.paymentIntentId,
    );
    await payWithCard(cloud, booking);
    // Someone (a past version, the Dashboard) put a personal key and a receipt email on the
    // payment: both must go from the PaymentIntent.
    await stripeServer().paymentIntents.update(booking.paymentIntentId, {
      metadata: { childName: 'Rosalind' },
      receipt_email: 'erase.me@example.com',
    });
    const done = await bookingWhere(
      cloud,
      booking,
      'the call to complete and the voice note to go',
      (body) =>
        body.callStatus === 'completed' &&
        timelineTypes(body).includes('voice_note_deleted') &&
        (body.timeline as Timeline).some(
          (event) => event.type === 'email_sent' && event.detail?.template === 'callTranscript',
        ),
      45_000,
    );
    const conversationIds = (done.timeline as Timeline).flatMap((event) =>
      event.type === 'call_placed' && event.detail?.conversationId
        ? [event.detail.conversationId]
        : [],
    );
    const conversationId = conversationIds[0] ?? 'none';
    const beforeConversation = await elevenLabsGet(`/v1/convai/conversations/${conversationId}`);
    const intentBefore = await stripeServer().paymentIntents.retrieve(booking.paymentIntentId);
    const recordingsBefore = (await allMediaKeys()).filter((key) => key.includes(booking.callId));

    const erased = await erase(booking);
    const again = await erase(booking);

    const after = await getBooking(cloud, booking.callId, booking.accessToken);
    const conversation = await elevenLabsGet(`/v1/convai/conversations/${conversationId}`);
    const audio = await elevenLabsGet(`/v1/convai/conversations/${conversationId}/audio`);
    const intent = await stripeServer().paymentIntents.retrieve(booking.paymentIntentId);
    const mediaKeys = await allMediaKeys();
    const personal = [
      'Rosalind',
      'marmosets',
      '+14155552671',
      'erase.me@example.com',
      'Emulated transcript',
      conversationId,
    ];
    // A webhook's dedupe record keeps ElevenLabs' event id (`<conversation id>#<type>`) for
    // its 30 days, so a late retry is not handled twice; it names no person and the
    // conversation it points at is gone.
    const leftInTable = await Promise.all(
      personal.map(async (text) =>
        (await tableItemsMentioning(text)).filter((item) => item.entity !== 'ProcessedWebhook'),
      ),
    );
    const contactItems = (await tableItemsMentioning(`BOOKING#${booking.callId}`)).filter((item) =>
      String(item.sk).startsWith('CONTACT#'),
    );
    const erasures = (after.body.timeline as Timeline).filter(
      (event) => event.type === 'child_data_erased',
    );

    // What was there, so the checks below can fail.
    expect(timelineTypes(done)).toContain('voice_note_transcribed');
    expect(await voiceNoteThere(note.key)).toBe(false);
    expect(conversationIds).toHaveLength(1);
    expect(beforeConversation.status).toBe(200);
    expect(sentToStripe).toBeNull();
    expect(intentBefore.receipt_email).toBe('erase.me@example.com');
    expect(intentBefore.metadata).toMatchObject({ childName: 'Rosalind' });
    expect(recordingsBefore.length).toBeGreaterThan(0);
    // What is left.
    expect([erased.status, again.status]).toEqual([200, 200]);
    expect(leftInTable).toEqual(personal.map(() => []));
    expect(contactItems).toEqual([]);
    expect(mediaKeys.filter((key) => key.includes(booking.callId) || key === note.key)).toEqual([]);
    expect([conversation.status, audio.status]).toEqual([404, 404]);
    expect(intent.metadata).toEqual({ bookingId: booking.callId });
    expect(intent.receipt_email).toBeNull();
    expect(erasures).toHaveLength(1);
    expect(erasures[0]?.detail).toMatchObject({
      by: 'parent',
      where: 'table,s3,elevenlabs,stripe',
      elevenLabsConversations: '1',
      stripePaymentIntents: '1',
    });
  });
});

describe('erasing just after the call, while its records are being saved', () => {
  it('leaves no transcript or audio in S3 once the workflow has written them', async () => {
    // Arrange: the records' uploads hang (then drop: the write is tried again), so the parent's
    // erase lands after the step fetched the call and before its objects are in S3.
    const booking = await createBooking(cloud, {
      scheduledAt: undefined,
      callNow: true,
      timezone: 'America/Los_Angeles',
      childName: 'Bartholomew',
    });
    const faults = s3Faults(localUrl(cloud.config.ports.s3));
    await faults.inject({
      fault: { kind: 'hang', hangMs: 5000 },
      times: 2,
      match: {
        method: 'PUT',
        bucket: localResourceNames.buckets.recordings,
        keyPrefix: `calls/${booking.callId}/`,
      },
    });
    await payWithCard(cloud, booking);
    await bookingWhere(
      cloud,
      booking,
      'the call to complete',
      (body) => body.callStatus === 'completed',
      45_000,
    );

    // Act
    const erased = await erase(booking);
    await eventually('the hung uploads to be over', async () =>
      (await faults.queued()).length === 0 ? true : undefined,
    );
    // Time for the step's retried uploads and what follows them.
    await new Promise((resolve) => setTimeout(resolve, 8000));

    // Assert
    expect(erased.status).toBe(200);
    expect((await allMediaKeys()).filter((key) => key.includes(booking.callId))).toEqual([]);
  }, 90_000);
});

describe('a voice note belongs to the booking that uploaded it', () => {
  it("refuses another booking naming it, and that booking's cancel and erase leave it", async () => {
    const first = await uploadVoiceNote();
    const second = await uploadVoiceNote();
    const owner = await createBooking(cloud, {
      scheduledAt: tomorrowAt(16),
      voiceNoteKey: first.key,
      voiceNoteProof: first.proof,
    });

    const withoutProof = await postJson(cloud, '/api/calls', {
      ...validBooking({ scheduledAt: tomorrowAt(16, 10) }),
      voiceNoteKey: first.key,
    });
    const withOwnProof = await postJson(cloud, '/api/calls', {
      ...validBooking({ scheduledAt: tomorrowAt(16, 10) }),
      voiceNoteKey: first.key,
      voiceNoteProof: second.proof,
    });
    const other = await createBooking(cloud, {
      scheduledAt: tomorrowAt(16, 5),
      voiceNoteKey: second.key,
      voiceNoteProof: second.proof,
    });
    const cancelled = await postJson(
      cloud,
      `/api/calls/${other.callId}/cancel`,
      {},
      { authorization: `Bearer ${other.accessToken}` },
    );
    const erased = await erase(other);

    expect([withoutProof.status, withOwnProof.status]).toEqual([400, 400]);
    expect(withOwnProof.body).toMatchObject({
      error: { fields: { voiceNoteKey: expect.stringContaining('another upload') } },
    });
    expect([cancelled.status, erased.status]).toEqual([200, 200]);
    expect(await voiceNoteThere(second.key)).toBe(false);
    expect(await voiceNoteThere(first.key)).toBe(true);
    expect((await getBooking(cloud, owner.callId, owner.accessToken)).status).toBe(200);
  });
});

describe('a voice note re-used by a re-booking (the page books again after a declined payment)', () => {
  it('outlives the erase of the cancelled first booking and goes once the second is done with it', async () => {
    const note = await uploadVoiceNote();
    const withNote = { voiceNoteKey: note.key, voiceNoteProof: note.proof };
    const first = await createBooking(cloud, { scheduledAt: tomorrowAt(17), ...withNote });
    const cancelled = await postJson(
      cloud,
      `/api/calls/${first.callId}/cancel`,
      {},
      { authorization: `Bearer ${first.accessToken}` },
    );
    const second = await createBooking(cloud, {
      scheduledAt: undefined,
      callNow: true,
      timezone: 'America/Los_Angeles',
      ...withNote,
    });
    const claimWhileBoth = await tableItemsMentioning(`VOICENOTE#${note.key}`);

    const erasedFirst = await erase(first);
    const thereAfterFirstErased = await voiceNoteThere(note.key);

    await payWithCard(cloud, second);
    const done = await bookingWhere(
      cloud,
      second,
      'the second call to complete and its voice note to go',
      (body) =>
        body.callStatus === 'completed' && timelineTypes(body).includes('voice_note_deleted'),
      45_000,
    );

    expect(cancelled.status).toBe(200);
    expect(claimWhileBoth).toEqual([
      expect.objectContaining({ sk: 'CLAIM', bookingIds: new Set([second.callId]) }),
    ]);
    expect(erasedFirst.status).toBe(200);
    expect(thereAfterFirstErased).toBe(true);
    expect(timelineTypes(done)).toContain('voice_note_transcribed');
    expect(await voiceNoteThere(note.key)).toBe(false);
    expect(await tableItemsMentioning(`VOICENOTE#${note.key}`)).toEqual([]);
  }, 90_000);
});
