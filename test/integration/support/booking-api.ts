import { getExampleNumber } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { DateTime } from 'luxon';
import Stripe from 'stripe';
import { bookingViewSchema } from '../../../functions/schemas/api/booking-view.ts';
import {
  type CreatedBooking,
  createdBookingSchema,
} from '../../../functions/schemas/api/create-booking.ts';
import { errorBodySchema } from '../../../functions/schemas/api/error-body.ts';
import type { RunningLocalCloud } from '../../../local/cloud.ts';
import { parseAnswer } from './api-answer.ts';
import { eventually } from './local-cloud.ts';

export type { CreatedBooking };

/** What these helpers need of a cloud: one started in this process or a `npm start` child. */
export type CloudAddress = Pick<RunningLocalCloud, 'apiUrl' | 'config'>;

/** Tomorrow at 17:00 UTC: midday in New York, inside calling hours, more than an hour away. */
export function tomorrowAt(hourUtc = 17, minuteUtc = 0): string {
  const day = new Date(Date.now() + 24 * 3600_000);
  day.setUTCHours(hourUtc, minuteUtc, 0, 0);
  return day.toISOString();
}

let instantsHandedOut = 0;

/**
 * A different bookable instant for each booking that names none: tomorrow 17:00–20:55 UTC on
 * the 5-minute grid, in turn. Each instant sells only what the lines can start then (one or
 * two places with a test's few lines), so bookings that don't care about their time must not
 * all ask for the same one.
 */
export function nextInstant(): string {
  const step = instantsHandedOut++ % 48;
  return tomorrowAt(17 + Math.floor(step / 12), (step % 12) * 5);
}

export function validBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childName: 'Emma',
    childAge: 7,
    childGender: 'girl',
    childInfoText: 'Loves dinosaurs and her cat Pepper.',
    phoneNumber: '+14155552671',
    timezone: 'America/New_York',
    scheduledAt: nextInstant(),
    parentEmail: 'parent@example.com',
    giftBudget: 50,
    // The video is made for real on the local cloud (a render of the call): only the tests
    // about the recording buy it.
    purchaseRecording: false,
    consent: { ownsNumber: true, isGuardian: true, aiCall: true, recording: true },
    ...overrides,
  };
}

export async function postJson(
  cloud: CloudAddress,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${cloud.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function createBooking(
  cloud: CloudAddress,
  overrides: Record<string, unknown> = {},
): Promise<CreatedBooking> {
  const { status, body } = await postJson(cloud, '/api/calls', validBooking(overrides));
  if (status !== 201) throw new Error(`Booking was refused: ${status} ${JSON.stringify(body)}`);
  return parseAnswer(createdBookingSchema, body, 'booking');
}

/** Confirms the PaymentIntent as the browser does: publishable key plus client secret. */
export async function payWithCard(
  cloud: CloudAddress,
  booking: CreatedBooking,
  paymentMethod = 'pm_card_visa',
): Promise<Stripe.PaymentIntent> {
  const browser = new Stripe(cloud.config.stripeKeys.publishable, {
    host: '127.0.0.1',
    port: cloud.config.ports.stripe,
    protocol: 'http',
  });
  return browser.paymentIntents.confirm(booking.paymentIntentId, {
    payment_method: paymentMethod,
    client_secret: booking.clientSecret,
  } as Stripe.PaymentIntentConfirmParams);
}

/**
 * `GET /api/calls/{callId}`. Every answer is read exactly with its schema — the booking view,
 * or the error body — so every test that looks at a booking also checks the API's shape.
 */
export async function getBooking(
  cloud: CloudAddress,
  callId: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${cloud.apiUrl}/api/calls/${callId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const json: unknown = await response.json();
  const body = response.ok
    ? parseAnswer(bookingViewSchema, json, 'booking view')
    : parseAnswer(errorBodySchema, json, 'error');
  return { status: response.status, body };
}

export function bookingWhere(
  cloud: CloudAddress,
  booking: CreatedBooking,
  what: string,
  ready: (body: Record<string, unknown>) => boolean,
  timeoutMs?: number,
): Promise<Record<string, unknown>> {
  return eventually(
    what,
    async () => {
      const { body } = await getBooking(cloud, booking.callId, booking.accessToken);
      return ready(body) ? body : undefined;
    },
    timeoutMs,
  );
}

export async function outbox(
  cloud: CloudAddress,
): Promise<{ to: string; subject: string; text: string; html: string }[]> {
  return (await fetch(`${cloud.apiUrl}/_local/outbox?format=json`)).json() as never;
}

/** A signed Stripe event, made with Stripe's own SDK as Stripe would send it. */
export function signedStripeEvent(
  secret: string,
  event: { id: string; type: string; object: Record<string, unknown> },
): { payload: string; signature: string } {
  const payload = JSON.stringify({
    id: event.id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: event.type,
    data: { object: event.object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return { payload, signature };
}

export function timelineTypes(body: Record<string, unknown>): string[] {
  return (body.timeline as { type: string }[]).map((event) => event.type);
}

/**
 * A zone where it is daytime now, with a mobile number of that zone's country (the callee's
 * zone must match the number's), so a "call now" booking falls inside calling hours whatever
 * the hour of the test run. Numbers are libphonenumber's example mobiles.
 */
export function daytimeCallee(): { timezone: string; phoneNumber: string } {
  const callees = [
    { timezone: 'America/New_York', country: 'US' },
    { timezone: 'Europe/London', country: 'GB' },
    { timezone: 'Asia/Tokyo', country: 'JP' },
    { timezone: 'Australia/Sydney', country: 'AU' },
    { timezone: 'America/Los_Angeles', country: 'US' },
    { timezone: 'Asia/Kolkata', country: 'IN' },
  ] as const;
  const callee = callees.find(({ timezone }) => {
    const hour = DateTime.now().setZone(timezone).hour;
    return hour >= 9 && hour < 20;
  });
  if (!callee) throw new Error('No daytime zone found.');
  const example = getExampleNumber(callee.country, mobileExamples);
  if (!example) throw new Error(`No example mobile number for ${callee.country}.`);
  return { timezone: callee.timezone, phoneNumber: example.number };
}
