import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedBooking,
  createdBookingSchema,
} from '../../functions/schemas/api/create-booking.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { parseAnswer } from './support/api-answer.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.stop();
});

interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected field by field.
  readonly body: any;
  readonly text: string;
}

async function call(path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${cloud.apiUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

function post(path: string, body: unknown): Promise<Reply> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A slug no other test uses, so each test owns its affiliate and its bookings. */
function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

function signUp(slug: string, overrides: Record<string, unknown> = {}): Promise<Reply> {
  return post('/api/affiliates', {
    name: 'Jolly Jen',
    email: 'jen@example.com',
    slug,
    ...overrides,
  });
}

function checkSlug(slug: string): Promise<Reply> {
  return call(`/api/affiliates/check-slug?slug=${encodeURIComponent(slug)}`);
}

/** YYYY-MM-DD of the UTC day `offsetDays` from today. */
function utcDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Yesterday to tomorrow (UTC): today's bookings, even if the test runs across midnight. */
function report(query: Record<string, string>, adminKey = cloud.config.adminKey) {
  const params = new URLSearchParams({ from: utcDay(-1), to: utcDay(1), ...query });
  return call(`/api/admin/affiliates/report?${params}`, {
    headers: { 'x-callsanta-admin-key': adminKey },
  });
}

/** Tomorrow at `hourUtc`:`minuteUtc` UTC — midday in New York, inside calling hours. */
function tomorrowAt(hourUtc: number, minuteUtc = 0): string {
  const day = new Date(Date.now() + 86_400_000);
  day.setUTCHours(hourUtc, minuteUtc, 0, 0);
  return day.toISOString();
}

async function book(overrides: Record<string, unknown>): Promise<CreatedBooking> {
  const { status, body } = await post('/api/calls', {
    childName: 'Emma',
    childAge: 7,
    phoneNumber: '+14155552671',
    timezone: 'America/New_York',
    scheduledAt: tomorrowAt(17),
    parentEmail: 'parent@example.com',
    giftBudget: 50,
    purchaseRecording: false,
    consent: { ownsNumber: true, isGuardian: true, aiCall: true },
    ...overrides,
  });
  expect(status).toBe(201);
  return parseAnswer(createdBookingSchema, body, 'booking');
}

/** Pays as the browser does, then waits for the signed webhook to mark the booking paid. */
async function payAndWaitUntilPaid(booking: CreatedBooking): Promise<void> {
  const browser = new Stripe(cloud.config.stripeKeys.publishable, {
    host: '127.0.0.1',
    port: cloud.config.ports.stripe,
    protocol: 'http',
  });
  await browser.paymentIntents.confirm(booking.paymentIntentId, {
    payment_method: 'pm_card_visa',
    client_secret: booking.clientSecret,
  } as Stripe.PaymentIntentConfirmParams);
  await eventually('the booking to be paid', async () => {
    const { body } = await call(`/api/calls/${booking.callId}`, {
      headers: { authorization: `Bearer ${booking.accessToken}` },
    });
    return body?.paymentStatus === 'paid' ? body : undefined;
  });
}

describe('signing up as a creator', () => {
  it('creates an affiliate whose landing page is public and whose slug is then taken', async () => {
    // Arrange
    const slug = uniqueSlug('jolly-jen');

    // Act
    const created = await signUp(slug);
    const landing = await call(`/api/affiliates/${slug}`);
    const check = await checkSlug(slug);

    // Assert
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ slug, landingPath: `/${slug}`, payoutPercent: 20 });
    expect(landing.status).toBe(200);
    expect(landing.body).toEqual({ slug, name: 'Jolly Jen', active: true });
    expect(landing.text).not.toContain('jen@example.com');
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      slug,
      available: false,
      reason: 'taken',
      message: expect.any(String),
    });
  });

  it('says a free slug is available', async () => {
    const slug = uniqueSlug('mr-snow');

    const check = await checkSlug(slug);

    expect(check.status).toBe(200);
    expect(check.body).toEqual({ slug, available: true });
  });

  it('refuses a taken slug with 409 and keeps the first creator', async () => {
    // Arrange
    const slug = uniqueSlug('twice');
    expect((await signUp(slug)).status).toBe(201);

    // Act
    const again = await signUp(slug, { name: 'Someone Else', email: 'else@example.com' });
    const landing = await call(`/api/affiliates/${slug}`);

    // Assert
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('slug_taken');
    expect(landing.body.name).toBe('Jolly Jen');
  });

  it.each([
    ['api', 'reserved'],
    ['admin', 'reserved'],
    ['check-slug', 'reserved'],
    ['callsanta', 'reserved'],
    ['santa', 'reserved'],
    ['best-callsanta-deals', 'reserved'],
    ['ab', 'invalid'],
    ['Jolly-Jen', 'invalid'],
    ['jolly--jen', 'invalid'],
    ['jolly-jen-', 'invalid'],
    ['a'.repeat(51), 'invalid'],
  ])('refuses %s as %s, on sign-up and when checked', async (slug, reason) => {
    const created = await signUp(slug);
    const check = await checkSlug(slug);

    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: 'validation_failed',
      fields: { slug: expect.any(String) },
    });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      slug,
      available: false,
      reason,
      message: created.body.error.fields.slug,
    });
  });

  it('refuses a bad name or email with a message for each field', async () => {
    const created = await signUp(uniqueSlug('fields'), { name: '', email: 'not-an-email' });

    expect(created.status).toBe(400);
    expect(Object.keys(created.body.error.fields).sort()).toEqual(['email', 'name']);
  });

  it('answers a slug check without a slug with 400', async () => {
    const check = await call('/api/affiliates/check-slug');

    expect(check.status).toBe(400);
    expect(check.body.error.fields).toHaveProperty('slug');
  });

  it.each(['nobody-here', 'Not_A_Slug'])('has no landing page for %s', async (slug) => {
    const landing = await call(`/api/affiliates/${slug}`);

    expect(landing.status).toBe(404);
    expect(landing.body.error.code).toBe('not_found');
  });
});

describe('attribution and the admin report', () => {
  it('reports a paid booking made through a creator link, with a 20% payout', async () => {
    // Arrange
    const slug = uniqueSlug('paid');
    expect((await signUp(slug)).status).toBe(201);
    const booking = await book({ affiliateCode: slug, scheduledAt: tomorrowAt(17) });

    // Act
    await payAndWaitUntilPaid(booking);
    const bySlug = await report({ slug });
    const all = await report({});

    // Assert
    const line = {
      slug,
      name: 'Jolly Jen',
      bookings: 1,
      paidBookings: 1,
      revenueCents: booking.amountCents,
      payoutPercent: 20,
      payoutDueCents: Math.floor(booking.amountCents / 5),
    };
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toEqual({
      from: utcDay(-1),
      to: utcDay(1),
      affiliates: [line],
      totals: {
        bookings: 1,
        paidBookings: 1,
        revenueCents: booking.amountCents,
        payoutDueCents: line.payoutDueCents,
      },
    });
    expect(all.status).toBe(200);
    expect(all.body.affiliates).toContainEqual(line);
  });

  it('counts an unpaid booking as a booking but not as revenue', async () => {
    const slug = uniqueSlug('unpaid');
    expect((await signUp(slug)).status).toBe(201);
    await book({ affiliateCode: slug, scheduledAt: tomorrowAt(17, 30) });

    const { body } = await report({ slug });

    expect(body.affiliates).toEqual([
      expect.objectContaining({ bookings: 1, paidBookings: 0, revenueCents: 0, payoutDueCents: 0 }),
    ]);
  });

  it('takes a booking with an unknown affiliate code and attributes it to nobody', async () => {
    // Arrange: the code is well formed but nobody holds it yet.
    const slug = uniqueSlug('later');

    // Act
    const booking = await book({ affiliateCode: slug, scheduledAt: tomorrowAt(18) });
    expect((await signUp(slug)).status).toBe(201);
    const { body } = await report({ slug });

    // Assert: whoever claims the code later is not credited with the earlier booking.
    expect(booking.callId).toMatch(/^[0-9A-Z]{26}$/);
    expect(body.affiliates).toEqual([expect.objectContaining({ slug, bookings: 0 })]);
  });

  it('answers 403 Forbidden without the admin key, as API Gateway does without IAM', async () => {
    const withoutKey = await call(`/api/admin/affiliates/report?from=${utcDay(0)}&to=${utcDay(0)}`);
    const wrongKey = await report({}, `${cloud.config.adminKey}x`);

    expect(withoutKey.status).toBe(403);
    expect(withoutKey.body).toEqual({ message: 'Forbidden' });
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.body).toEqual({ message: 'Forbidden' });
  });

  it.each([
    [{ from: '2026-12-24', to: '2026-12-01' }, 'to'],
    [{ from: '2025-01-01', to: '2026-06-30' }, 'to'],
    [{ from: '24/12/2026', to: '2026-12-31' }, 'from'],
  ])('refuses the range %o with 400 on %s', async (range, field) => {
    const { status, body } = await report(range);

    expect(status).toBe(400);
    expect(body.error.fields).toHaveProperty(field);
  });

  it('answers 404 for a report on an unknown affiliate', async () => {
    const { status } = await report({ slug: uniqueSlug('ghost') });

    expect(status).toBe(404);
  });
});
