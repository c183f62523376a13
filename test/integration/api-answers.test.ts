import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  affiliatePageSchema,
  affiliateReportSchema,
  createdAffiliateSchema,
  slugCheckSchema,
} from '../../functions/schemas/api/affiliates.ts';
import { availabilitySchema } from '../../functions/schemas/api/availability.ts';
import { bookingViewSchema } from '../../functions/schemas/api/booking-view.ts';
import { cancelResultSchema } from '../../functions/schemas/api/cancel-result.ts';
import { errorBodySchema } from '../../functions/schemas/api/error-body.ts';
import { healthSchema } from '../../functions/schemas/api/health.ts';
import { pricingAnswerSchema } from '../../functions/schemas/api/pricing.ts';
import { siteConfigSchema } from '../../functions/schemas/api/site-config.ts';
import { voiceNoteUploadSchema } from '../../functions/schemas/api/voice-note-upload.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { parseAnswer } from './support/api-answer.ts';
import {
  bookingWhere,
  createBooking,
  getBooking,
  payWithCard,
  postJson,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { startTestCloud } from './support/local-cloud.ts';

/**
 * Every answer the site and the tests read, from the real handlers on a real local cloud, read
 * exactly with its schema in functions/schemas/api/: a handler that drops, renames, retypes or
 * adds a field fails here. One place per 15-minute slot, so a slot can be filled.
 */
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({
    env: { CALL_CONCURRENCY_LIMIT: '1', EXPECTED_CALL_MINUTES: '1' },
  });
});

afterAll(async () => {
  await cloud?.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${cloud.apiUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as unknown };
}

const tomorrowInNewYork = () =>
  DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate() ?? '';

describe('the API answers as its schemas say', () => {
  it('answers health, pricing, availability and the site config', async () => {
    const health = await get('/api/health');
    const pricing = await get('/api/pricing');
    const availability = await get(
      `/api/availability?date=${tomorrowInNewYork()}&timezone=America%2FNew_York`,
    );
    const config = await get('/config.json');

    expect(parseAnswer(healthSchema, health.body, 'health')).toEqual({ status: 'ok' });
    expect(parseAnswer(pricingAnswerSchema, pricing.body, 'pricing')).toEqual({
      baseCents: 999,
      recordingCents: 299,
      currency: 'usd',
      // Each child after the first: half the base, rounded (`defaultExtraChildCents`).
      extraChildCents: 500,
      // Every currency offered; the default price list offers one.
      prices: [{ currency: 'usd', baseCents: 999, recordingCents: 299, extraChildCents: 500 }],
    });
    expect(availability.status).toBe(200);
    expect(parseAnswer(availabilitySchema, availability.body, 'availability').times).not.toEqual(
      [],
    );
    expect(parseAnswer(siteConfigSchema, config.body, 'config')).toMatchObject({
      stripeMode: 'emulator',
    });
  });

  it('answers a voice-note upload form', async () => {
    const upload = await postJson(cloud, '/api/voice-notes', {
      contentType: 'audio/webm',
      sizeBytes: 5,
    });

    expect(upload.status).toBe(201);
    expect(parseAnswer(voiceNoteUploadSchema, upload.body, 'upload').key).toMatch(
      /^voice-notes\/.+\.webm$/,
    );
  });

  it('answers a booking through booked, moved, cancelled with its refund and erased', async () => {
    const booking = await createBooking(cloud, {
      scheduledAt: tomorrowAt(15),
      purchaseRecording: true,
    });
    await payWithCard(cloud, booking);
    await bookingWhere(cloud, booking, 'payment', (view) => view.callStatus === 'scheduled');
    const headers = { authorization: `Bearer ${booking.accessToken}` };

    const seen = await getBooking(cloud, booking.callId, booking.accessToken);
    const moved = await postJson(
      cloud,
      `/api/calls/${booking.callId}`,
      { scheduledAt: tomorrowAt(16) },
      headers,
      'PATCH',
    );
    const cancelled = await postJson(cloud, `/api/calls/${booking.callId}/cancel`, {}, headers);
    const erased = await postJson(cloud, `/api/calls/${booking.callId}/erase`, {}, headers);

    expect(seen.body).toMatchObject({ callId: booking.callId, amountCents: 1298 });
    expect(moved.status).toBe(200);
    expect(parseAnswer(bookingViewSchema, moved.body, 'moved').schedule.scheduledAt).toBe(
      tomorrowAt(16),
    );
    expect(cancelled.status).toBe(200);
    expect(parseAnswer(cancelResultSchema, cancelled.body, 'cancel')).toMatchObject({
      callStatus: 'cancelled',
      refunded: true,
    });
    expect(erased.status).toBe(200);
    expect(parseAnswer(bookingViewSchema, erased.body, 'erased').child.name).toBeNull();
  });

  it.each([
    [
      'an invalid request (400, with fields)',
      '/api/calls',
      { childName: '' },
      400,
      'validation_failed',
    ],
    [
      'an unknown booking (404)',
      '/api/calls/01ARZ3NDEKTSV4RRFFQ69G5FAV/cancel',
      {},
      404,
      'not_found',
    ],
  ])('answers %s with the error body', async (_what, path, body, status, code) => {
    const answer = await postJson(cloud, path, body, { authorization: 'Bearer nope' });

    expect(answer.status).toBe(status);
    expect(parseAnswer(errorBodySchema, answer.body, 'error').error.code).toBe(code);
  });

  it('answers a full slot with the error body and the nearest free times', async () => {
    await createBooking(cloud, { scheduledAt: tomorrowAt(18) });
    const refused = await postJson(
      cloud,
      '/api/calls',
      validBooking({ scheduledAt: tomorrowAt(18) }),
    );

    expect(refused.status).toBe(409);
    const { error } = parseAnswer(errorBodySchema, refused.body, 'slot full');
    expect(error.code).toBe('slot_full');
    expect(error.nearestFreeTimes?.length).toBeGreaterThan(0);
  });

  it("answers the creators' programme: sign-up, slug checks, landing page and report", async () => {
    const slug = `schema-${randomBytes(4).toString('hex')}`;
    const created = await postJson(cloud, '/api/affiliates', {
      name: 'Jolly Jen',
      email: 'jen@example.com',
      slug,
    });
    const checks = await Promise.all(
      [slug, `free-${slug}`, 'x', 'book'].map((wanted) =>
        get(`/api/affiliates/check-slug?slug=${wanted}`),
      ),
    );
    const page = await get(`/api/affiliates/${slug}`);
    const day = new Date().toISOString().slice(0, 10);
    const report = await get(`/api/admin/affiliates/report?from=${day}&to=${day}&slug=${slug}`, {
      'x-callsanta-admin-key': cloud.config.adminKey,
    });

    expect(created.status).toBe(201);
    expect(parseAnswer(createdAffiliateSchema, created.body, 'affiliate').landingPath).toBe(
      `/${slug}`,
    );
    expect(
      checks.map(({ body }) => {
        const check = parseAnswer(slugCheckSchema, body, 'slug check');
        return check.available || check.reason;
      }),
    ).toEqual(['taken', true, 'invalid', 'reserved']);
    expect(parseAnswer(affiliatePageSchema, page.body, 'page')).toEqual({
      slug,
      name: 'Jolly Jen',
      active: true,
    });
    expect(report.status).toBe(200);
    expect(parseAnswer(affiliateReportSchema, report.body, 'report').affiliates).toHaveLength(1);
  });
});
