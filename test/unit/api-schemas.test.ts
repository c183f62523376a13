import { describe, expect, it } from 'vitest';
import type { Booking } from '../../functions/data/bookings.ts';
import { bookingViewSchema } from '../../functions/schemas/api/booking-view.ts';
import { healthSchema } from '../../functions/schemas/api/health.ts';
import { siteConfigSchema } from '../../functions/schemas/api/site-config.ts';
import { bookingView } from '../../functions/services/booking-view.ts';
import type { CallMedia } from '../../functions/services/call-media.ts';
import { loadLocalCloudConfig } from '../../local/config.ts';
import { siteRuntimeConfig } from '../../local/site-config.ts';
import { parseAnswer } from '../integration/support/api-answer.ts';

/** A booking as the table returns it: paid, due tomorrow evening in New York. */
const booking: Booking = {
  bookingId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  version: 3,
  callStatus: 'scheduled',
  paymentStatus: 'paid',
  videoStatus: 'not_requested',
  childName: 'Emma',
  childAge: 7,
  phoneNumber: '+14155552671',
  parentEmail: 'parent@example.com',
  parentEmailKey: 'parent@example.com',
  giftBudget: 50,
  purchaseRecording: true,
  callNow: false,
  scheduledAt: '2026-12-24T23:30:00.000Z',
  timezone: 'America/New_York',
  slotStart: '2026-12-24T23:30:00.000Z',
  baseCents: 999,
  recordingCents: 299,
  totalCents: 1298,
  currency: 'usd',
  consentVersion: '2026-01',
  consentedAt: '2026-12-01T10:00:00.000Z',
  recordingConsent: true,
  holdExpiresAt: '2026-12-01T10:30:00.000Z',
  attempts: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:01:00.000Z',
};

const events = [
  { type: 'booking_created', at: '2026-12-01T10:00:00.000Z', detail: { callNow: 'false' } },
  { type: 'payment_succeeded', at: '2026-12-01T10:01:00.000Z' },
] as Parameters<typeof bookingView>[1];

const media: CallMedia = {
  transcript: [{ role: 'santa', message: 'Ho ho ho!', timeInCallSecs: 0 }],
  durationSecs: 94,
  audioUrl: 'http://127.0.0.1:3002/recordings/a.mp3?X-Amz-Signature=1',
  downloadUrl: 'http://127.0.0.1:3002/recordings/a.mp3?X-Amz-Signature=2',
  linksExpireAt: '2026-12-25T00:00:00.000Z',
};

const analysis: NonNullable<Booking['callAnalysis']> = {
  summary: 'Santa talked with Emma about her year and her wishes.',
  children: [
    { name: 'Emma', wishes: ['a red sledge', 'a puppy'], proudOf: 'She learned to ride a bike.' },
  ],
  criteria: [
    { id: 'stayed_in_character', result: 'failure', rationale: 'Santa said he was a program.' },
    { id: 'disclosed_ai_voice', result: 'success' },
  ],
  analysedAt: '2026-12-24T23:40:00.000Z',
};

const attributedMedia: CallMedia = {
  ...media,
  transcript: [
    { role: 'santa', message: 'Ho ho ho, Emma!', timeInCallSecs: 0 },
    { role: 'child', message: 'Hi Santa!', timeInCallSecs: 3, speaker: 'Emma' },
  ],
};

/** What `jsonResponse` sends: the value through JSON. */
const sent = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('bookingView answers exactly as bookingViewSchema says', () => {
  it.each<[string, Partial<Booking>, CallMedia | undefined]>([
    ['a paid booking', {}, undefined],
    ['a new unpaid call-now booking', { paymentStatus: 'pending', callNow: true }, undefined],
    [
      'a completed call with its transcript and audio',
      { callStatus: 'completed', callDurationSecs: 94 },
      media,
    ],
    [
      'a completed call with its analysis and turns attributed to a child',
      { callStatus: 'completed', callDurationSecs: 94, callAnalysis: analysis },
      attributedMedia,
    ],
    ['an erased child', { callStatus: 'completed', dataErasedAt: '2026-12-26T00:00:00Z' }, {}],
    ['a partial refund', { amountRefundedCents: 500 }, undefined],
    ['a full refund', { paymentStatus: 'refunded', callStatus: 'cancelled' }, undefined],
    [
      'an unsuccessful call and after-call work pending',
      { callStatus: 'failed', endReason: 'outside_calling_hours', afterCallProblem: 'x' },
      undefined,
    ],
  ])('%s', (_what, changes, withMedia) => {
    const view = bookingView({ ...booking, ...changes }, events, withMedia);

    expect(parseAnswer(bookingViewSchema, sent(view), 'booking view')).toEqual(sent(view));
  });

  it('names an erased child null and reads unknown stored reasons as none', () => {
    const view = bookingView(
      { ...booking, dataErasedAt: '2026-12-26T00:00:00Z', endReason: 'gremlins' },
      events,
    );

    expect(view.child.name).toBeNull();
    expect(view.endReason).toBeNull();
  });
});

describe("the booking view's call summary", () => {
  it('is null before the call was analysed', () => {
    expect(bookingView({ ...booking, callStatus: 'completed' }, events).callSummary).toBeNull();
  });

  it('gives the parent the summary and each child’s wishes, never the criteria', () => {
    // Act
    const view = bookingView(
      { ...booking, callStatus: 'completed', callAnalysis: analysis },
      events,
    );

    // Assert
    expect(view.callSummary).toEqual({
      summary: 'Santa talked with Emma about her year and her wishes.',
      children: [
        {
          name: 'Emma',
          wishes: ['a red sledge', 'a puppy'],
          proudOf: 'She learned to ride a bike.',
          worries: null,
        },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('stayed_in_character');
  });

  it('is null once the child’s data is erased, even if an analysis were left', () => {
    const view = bookingView(
      {
        ...booking,
        callStatus: 'completed',
        callAnalysis: analysis,
        dataErasedAt: '2026-12-26T00:00:00Z',
      },
      events,
    );

    expect(view.callSummary).toBeNull();
  });
});

describe('parseAnswer', () => {
  it.each([
    ['a field at the top', { status: 'ok', uptimeSecs: 5 }, 'health.uptimeSecs'],
    ['a wrong value', { status: 'fine' }, 'status'],
    ['a missing field', {}, 'status'],
  ])('fails an answer with %s', (_what, answer, named) => {
    expect(() => parseAnswer(healthSchema, answer, 'health')).toThrow(named);
  });

  it('fails a booking view with a field nested in a list that its schema does not name', () => {
    const view = sent(bookingView(booking, events)) as { timeline: Record<string, unknown>[] };
    view.timeline[1] = { ...view.timeline[1], actor: 'stripe' };

    expect(() => parseAnswer(bookingViewSchema, view, 'view')).toThrow('view.timeline[1].actor');
  });
});

describe('the local cloud serves /config.json as siteConfigSchema says', () => {
  it.each([
    ['against the Stripe emulator', {}, 'emulator'],
    ['against Stripe', { STRIPE_API_BASE_URL: 'https://api.stripe.com' }, 'stripe'],
  ])('%s', (_what, env, mode) => {
    const config = sent(siteRuntimeConfig(loadLocalCloudConfig(env)));

    expect(parseAnswer(siteConfigSchema, config, 'config')).toMatchObject({ stripeMode: mode });
  });
});
