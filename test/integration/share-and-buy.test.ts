import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashShareToken, newShareToken } from '../../functions/core/share-links.ts';
import { createShare } from '../../functions/data/share-links.ts';
import { envNames } from '../../functions/resources.ts';
import { errorBodySchema } from '../../functions/schemas/api/error-body.ts';
import { recordingPurchaseSchema } from '../../functions/schemas/api/recording-purchase.ts';
import {
  createdShareSchema,
  sharedRecordingSchema,
  shareListSchema,
} from '../../functions/schemas/api/share-links.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames } from '../../local/config.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import { parseAnswer } from './support/api-answer.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  getBooking,
  outbox,
  payWithCard,
  postJson,
  signedStripeEvent,
  timelineTypes,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

// A minute of booking time passes in a second; Santa may call the emulator's Californian test
// numbers at any hour (calling hours have their own tests).
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      EXPECTED_CALL_MINUTES: '1',
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
  // The data layer, used here only to plant an expired share, reads the table's name from env.
  process.env[envNames.table] = localResourceNames.table;
});

afterAll(async () => {
  await cloud?.stop();
});

type Method = 'GET' | 'POST' | 'DELETE';

async function call(
  method: Method,
  path: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${cloud.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const errorCode = (answer: { body: Record<string, unknown> }) =>
  parseAnswer(errorBodySchema, answer.body, 'error').error.code;

/** A paid "call now" booking, called to completion (transcript email sent). */
async function completedCall(extra: Record<string, unknown>): Promise<CreatedBooking> {
  const booking = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    // The emulator's brief call: its video renders in seconds, not minutes.
    phoneNumber: '+14155550107',
    ...extra,
  });
  await payWithCard(cloud, booking);
  await bookingWhere(
    cloud,
    booking,
    'the call to complete and the transcript email to go',
    (body) =>
      body.callStatus === 'completed' &&
      (body.timeline as { type: string; detail?: { template?: string } }[]).some(
        (event) => event.type === 'email_sent' && event.detail?.template === 'callTranscript',
      ),
    60_000,
  );
  return booking;
}

const countOf = (body: Record<string, unknown>, type: string) =>
  timelineTypes(body).filter((each) => each === type).length;

/** The token of a share link `<site>/shared/<token>`. */
const tokenOf = (url: string) => url.split('/shared/')[1] ?? '';

describe('a recording bought after the call, and shared', () => {
  let booking: CreatedBooking;

  it('offers the recording of a call made without it, in the transcript email and the API', async () => {
    booking = await completedCall({ purchaseRecording: false });

    const view = await getBooking(cloud, booking.callId, booking.accessToken);
    const email = (await outbox(cloud)).find(
      (each) =>
        each.subject.includes('transcript') &&
        each.html.includes(`/recording/${booking.callId}#token=`),
    );
    const share = await call('POST', `/api/calls/${booking.callId}/shares`, booking.accessToken);

    expect(view.body).toMatchObject({
      purchaseRecording: false,
      videoStatus: 'not_requested',
      recordingOffer: { amountCents: 299, currency: 'usd' },
    });
    expect(view.body.media).not.toHaveProperty('audioUrl');
    expect(email?.text).toContain('Get the video of this call — $2.99');
    expect(email?.text).not.toContain('is being made');
    expect(share.status).toBe(409);
    expect(errorCode(share)).toBe('recording_not_bought');
  });

  it('buys it with a new PaymentIntent through the Stripe emulator and the webhook path, once', async () => {
    const first = await call(
      'POST',
      `/api/calls/${booking.callId}/recording-purchase`,
      booking.accessToken,
    );
    const again = await call(
      'POST',
      `/api/calls/${booking.callId}/recording-purchase`,
      booking.accessToken,
    );
    const purchase = parseAnswer(recordingPurchaseSchema, first.body, 'recording purchase');
    // The emulator's own delivery is dropped: the test delivers the event itself, twice.
    await new StripeFaults(cloud.config.stripe.baseUrl, cloud.config.stripeKeys.secret).webhooks({
      kind: 'drop',
      objectId: purchase.paymentIntentId,
    });
    const paid = await payWithCard(cloud, purchase);
    const deliver = (id: string) => {
      const event = signedStripeEvent(cloud.config.secrets.stripeWebhook, {
        id,
        type: 'payment_intent.succeeded',
        object: {
          id: purchase.paymentIntentId,
          object: 'payment_intent',
          amount: 299,
          currency: 'usd',
          status: 'succeeded',
          metadata: { bookingId: booking.callId, purpose: 'recording' },
        },
      });
      return postJson(cloud, '/api/webhooks/stripe', event.payload, {
        'stripe-signature': event.signature,
      });
    };
    // Two deliveries (Stripe may send an event again under a new id, or two events race).
    await deliver(`evt_rec_a_${booking.callId}`);
    await deliver(`evt_rec_b_${booking.callId}`);
    const bought = await bookingWhere(cloud, booking, 'the recording to be bought', (body) =>
      timelineTypes(body).includes('recording_purchased'),
    );
    const afterwards = await call(
      'POST',
      `/api/calls/${booking.callId}/recording-purchase`,
      booking.accessToken,
    );

    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({ paymentIntentId: purchase.paymentIntentId });
    expect(purchase).toMatchObject({ callId: booking.callId, amountCents: 299, currency: 'usd' });
    expect(paid.status).toBe('succeeded');
    expect(paid.metadata).toEqual({ bookingId: booking.callId, purpose: 'recording' });
    expect(bought).toMatchObject({
      purchaseRecording: true,
      recordingOffer: null,
      // The booking's own payment is untouched: the recording is its own PaymentIntent.
      amountCents: 999,
      paymentStatus: 'paid',
      callStatus: 'completed',
    });
    // pending until the render stage picks it up; later states once it has.
    expect(['pending', 'processing', 'completed']).toContain(bought.videoStatus);
    expect(bought.media).toMatchObject({ audioUrl: expect.stringContaining('audio.mp3') });
    expect(countOf(bought, 'recording_purchased')).toBe(1);
    expect(afterwards.status).toBe(409);
    expect(errorCode(afterwards)).toBe('already_bought');
  });

  it('shares it: the link plays without the parent token, shows no transcript or contact, and stops when revoked', async () => {
    const created = await call('POST', `/api/calls/${booking.callId}/shares`, booking.accessToken);
    const share = parseAnswer(createdShareSchema, created.body, 'created share');
    const token = tokenOf(share.url);
    const opened = await call('GET', `/api/shared/${token}`);
    const shared = parseAnswer(sharedRecordingSchema, opened.body, 'shared recording');
    const media = await fetch(shared.mediaUrl);
    const mediaBytes = (await media.arrayBuffer()).byteLength;
    const list = await call('GET', `/api/calls/${booking.callId}/shares`, booking.accessToken);
    const revoked = await call(
      'DELETE',
      `/api/calls/${booking.callId}/shares/${share.shareId}`,
      booking.accessToken,
    );
    const afterRevoke = await call('GET', `/api/shared/${token}`);
    const revokedAgain = await call(
      'DELETE',
      `/api/calls/${booking.callId}/shares/${share.shareId}`,
      booking.accessToken,
    );
    const listAfter = await call('GET', `/api/calls/${booking.callId}/shares`, booking.accessToken);

    expect(created.status).toBe(201);
    expect(share.url).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
    expect(opened.status).toBe(200);
    expect(shared).toMatchObject({ childFirstName: 'Emma', kind: 'audio' });
    expect(Object.keys(opened.body).sort()).toEqual(
      [
        'callAt',
        'callDateDisplay',
        'childFirstName',
        'downloadUrl',
        'kind',
        'linksExpireAt',
        'mediaUrl',
        'timezone',
      ].sort(),
    );
    expect(JSON.stringify(opened.body)).not.toContain('parent@example.com');
    expect(JSON.stringify(opened.body)).not.toContain('+1415');
    expect(shared.downloadUrl).toContain('santa-call-emma.mp3');
    expect(media.status).toBe(200);
    expect(mediaBytes).toBeGreaterThan(1000);
    expect(parseAnswer(shareListSchema, list.body, 'share list').shares).toEqual([
      { shareId: share.shareId, createdAt: share.createdAt, expiresAt: share.expiresAt },
    ]);
    expect(revoked.status).toBe(204);
    expect(afterRevoke.status).toBe(404);
    expect(errorCode(afterRevoke)).toBe('not_found');
    expect(revokedAgain.status).toBe(404);
    expect(parseAnswer(shareListSchema, listAfter.body, 'share list').shares).toEqual([]);
  });

  it('answers 404 for an expired share even before DynamoDB removes it, and for unknown tokens', async () => {
    const token = newShareToken();
    await createShare({
      tokenHash: hashShareToken(token),
      shareId: 'expired-share',
      bookingId: booking.callId,
      createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) - 60,
    });

    const expired = await call('GET', `/api/shared/${token}`);
    const unknown = await call('GET', `/api/shared/${newShareToken()}`);
    const malformed = await call('GET', '/api/shared/not-a-token');
    const list = await call('GET', `/api/calls/${booking.callId}/shares`, booking.accessToken);

    for (const answer of [expired, unknown, malformed]) {
      expect(answer.status).toBe(404);
      expect(errorCode(answer)).toBe('not_found');
    }
    expect(parseAnswer(shareListSchema, list.body, 'share list').shares).toEqual([]);
  });

  it("revokes every share when the parent erases the child's data", async () => {
    const made = await Promise.all(
      [1, 2].map(() => call('POST', `/api/calls/${booking.callId}/shares`, booking.accessToken)),
    );
    const tokens = made.map((answer) =>
      tokenOf(parseAnswer(createdShareSchema, answer.body, 'created share').url),
    );
    const before = await Promise.all(tokens.map((token) => call('GET', `/api/shared/${token}`)));

    const erased = await call('POST', `/api/calls/${booking.callId}/erase`, booking.accessToken);
    const after = await Promise.all(tokens.map((token) => call('GET', `/api/shared/${token}`)));
    const list = await call('GET', `/api/calls/${booking.callId}/shares`, booking.accessToken);
    const view = await getBooking(cloud, booking.callId, booking.accessToken);
    const newShare = await call('POST', `/api/calls/${booking.callId}/shares`, booking.accessToken);
    const buy = await call(
      'POST',
      `/api/calls/${booking.callId}/recording-purchase`,
      booking.accessToken,
    );

    expect(before.map((answer) => answer.status)).toEqual([200, 200]);
    expect(erased.status).toBe(200);
    expect(after.map((answer) => answer.status)).toEqual([404, 404]);
    expect(parseAnswer(shareListSchema, list.body, 'share list').shares).toEqual([]);
    // The expired share planted above is revoked with the others.
    expect(
      (view.body.timeline as { type: string; detail?: Record<string, string> }[]).filter(
        (event) => event.type === 'share_revoked' && event.detail?.reason === 'data_erased',
      ),
    ).toHaveLength(3);
    expect(newShare.status).toBe(409);
    expect(errorCode(newShare)).toBe('erased');
    expect(buy.status).toBe(409);
  });
});

describe('the share and purchase API on bad input', () => {
  it('answers 4xx, never 5xx: wrong token, call not made, no share, nothing to retry', async () => {
    const booking = await createBooking(cloud, { purchaseRecording: false });
    const id = booking.callId;
    const token = booking.accessToken;
    const wrong = 'x'.repeat(43);

    const answers = {
      buyWrongToken: await call('POST', `/api/calls/${id}/recording-purchase`, wrong),
      buyNoToken: await call('POST', `/api/calls/${id}/recording-purchase`),
      buyBeforeCall: await call('POST', `/api/calls/${id}/recording-purchase`, token),
      shareBeforeCall: await call('POST', `/api/calls/${id}/shares`, token),
      listWrongToken: await call('GET', `/api/calls/${id}/shares`, wrong),
      revokeUnknown: await call('DELETE', `/api/calls/${id}/shares/nope`, token),
      retryNotBought: await call('POST', `/api/calls/${id}/video/retry`, token),
      retryBadId: await call('POST', '/api/calls/not-an-id/video/retry', token),
      sharedEncoded: await call('GET', `/api/shared/${encodeURIComponent('../../etc')}`),
    };

    expect(
      Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status])),
    ).toEqual({
      buyWrongToken: 404,
      buyNoToken: 404,
      buyBeforeCall: 409,
      shareBeforeCall: 409,
      listWrongToken: 404,
      revokeUnknown: 404,
      retryNotBought: 409,
      retryBadId: 404,
      sharedEncoded: 404,
    });
    expect(errorCode(answers.buyBeforeCall)).toBe('call_not_completed');
    expect(errorCode(answers.shareBeforeCall)).toBe('call_not_completed');
  });
});
