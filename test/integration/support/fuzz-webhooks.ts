import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Stripe from 'stripe';
import { signElevenLabsPayload } from '../../../functions/webhooks/elevenlabs-signature.ts';
import { signRemotionPayload } from '../../../functions/webhooks/remotion-signature.ts';
import type { LocalCloudConfig } from '../../../local/config.ts';
import type { FuzzRequest } from './fuzz-client.ts';
import { oddHeaders } from './fuzz-inputs.ts';
import { type Json, mutatedJson, oddJsonValue } from './fuzz-json.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const fixture = (path: string): Json => JSON.parse(readFileSync(join(fixtures, path), 'utf8'));

/** What the samples say where a real booking's id or payment can be put. */
export interface WebhookSubjects {
  readonly bookingIds: readonly string[];
  readonly paymentIntentIds: readonly string[];
}

/** A provider that posts signed webhooks, as the fuzz suite needs to know it. */
export interface WebhookProvider {
  readonly name: 'stripe' | 'elevenlabs' | 'remotion';
  readonly path: string;
  readonly secret: (config: LocalCloudConfig) => string;
  /** The headers that sign `body` at `signedAt` (unix seconds; Remotion signs no time). */
  readonly sign: (body: string, secret: string, signedAt: number) => Record<string, string>;
  /** Real events, from test/fixtures, made current (fresh times, real ids when given). */
  readonly samples: (subjects: WebhookSubjects) => fc.Arbitrary<Json>;
  /** Bodies the provider's own time rules refuse even when signed (Remotion: the render's start). */
  readonly staleSamples?: (subjects: WebhookSubjects) => fc.Arbitrary<Json>;
  /** Signing times refused as too old or too far ahead, relative to now (seconds). */
  readonly refusedSigningOffsets: readonly number[];
}

const fixtureBookingIds = ['01JFIXTUREBOOKING000000001', '01JBOOKING0000000000000000'];
const fixturePaymentIntent = 'pi_3QfixtureIntent0001';

/** `sample` with the fixtures' booking and payment ids swapped for ones the cloud knows, or not. */
function withSubjects(sample: Json, subjects: WebhookSubjects): fc.Arbitrary<Json> {
  return fc
    .tuple(
      fc.constantFrom(...fixtureBookingIds, ...subjects.bookingIds),
      fc.constantFrom(fixturePaymentIntent, ...subjects.paymentIntentIds),
      fc.stringMatching(/^[a-z0-9]{6,12}$/),
    )
    .map(([bookingId, paymentIntentId, unique]) => {
      let text = JSON.stringify(sample);
      for (const id of fixtureBookingIds) text = text.replaceAll(id, bookingId);
      text = text.replaceAll(fixturePaymentIntent, paymentIntentId);
      // Fresh event and conversation ids, so deduplication does not hide the handling.
      text = text.replace(/"(evt_|conv_)([A-Za-z0-9]+)"/g, `"$1$2${unique}"`);
      return JSON.parse(text) as Json;
    });
}

function remotionSample(
  startedAt: () => string,
): (subjects: WebhookSubjects) => fc.Arbitrary<Json> {
  const samples = ['success', 'error', 'timeout'].map((type) =>
    fixture(`remotion/webhook-${type}.json`),
  );
  return (subjects) =>
    fc.constantFrom(...samples).chain((sample) =>
      withSubjects(sample, subjects).map((event) => {
        const copy = structuredClone(event) as { customData: { startedAt: string } };
        copy.customData.startedAt = startedAt();
        return copy as unknown as Json;
      }),
    );
}

export const webhookProviders: readonly WebhookProvider[] = [
  {
    name: 'stripe',
    path: '/api/webhooks/stripe',
    secret: (config) => config.secrets.stripeWebhook,
    sign: (payload, secret, timestamp) => ({
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
    }),
    samples: (subjects) =>
      fc
        .constantFrom(
          ...[
            'payment_intent.succeeded',
            'charge.refunded.full',
            'charge.refunded.partial',
            'customer.created',
          ].map((name) => fixture(`stripe/${name}.json`)),
          // The same intent, failed and canceled: the other payment types we handle.
          ...['payment_intent.payment_failed', 'payment_intent.canceled'].map((type) => ({
            ...(fixture('stripe/payment_intent.succeeded.json') as Record<string, Json>),
            type,
          })),
        )
        .chain((sample) => withSubjects(sample, subjects)),
    // 10 s past the 300 s tolerance either way: a request is signed when fast-check generates
    // it, and a cold handler reads its clock a second or more later (a 301 s-ahead signature
    // then arrives 300 s ahead, inside the window — the fuzz suite failed so at 02:18 UTC).
    refusedSigningOffsets: [-310, -3600, -86_400 * 365, 310, 3600, 86_400 * 365],
  },
  {
    name: 'elevenlabs',
    path: '/api/webhooks/elevenlabs',
    secret: (config) => config.secrets.elevenLabsWebhook,
    sign: (body, secret, timestamp) => ({
      'elevenlabs-signature': signElevenLabsPayload(body, secret, timestamp),
    }),
    samples: (subjects) =>
      fc
        .constantFrom(
          ...[
            'webhook-audio',
            'webhook-initiation-failure-busy',
            'webhook-initiation-failure-no-answer',
            'webhook-transcription-answered',
            'webhook-transcription-minimal',
            'webhook-transcription-no-call-result',
          ].map((name) => fixture(`elevenlabs/${name}.json`)),
        )
        .chain((sample) => withSubjects(sample, subjects)),
    // 10 s past each bound, as for Stripe above.
    refusedSigningOffsets: [-1810, -86_400, -86_400 * 365, 310, 3600, 86_400 * 365],
  },
  {
    name: 'remotion',
    path: '/api/webhooks/remotion',
    secret: (config) => config.secrets.remotionWebhook,
    sign: (body, secret) => ({ 'x-remotion-signature': signRemotionPayload(body, secret) }),
    samples: remotionSample(() => new Date().toISOString()),
    staleSamples: (subjects) =>
      fc
        .constantFrom(-3 * 3600_000, -86_400_000 * 365, 10 * 60_000, 86_400_000)
        .chain((offset) =>
          remotionSample(() => new Date(Date.now() + offset).toISOString())(subjects),
        ),
    refusedSigningOffsets: [],
  },
];

const now = () => Math.floor(Date.now() / 1000);

function post(provider: WebhookProvider, body: string, headers: Record<string, string>) {
  return {
    method: 'POST',
    path: provider.path,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(body),
  } satisfies FuzzRequest;
}

/** `event` with every string under a key ending in `id` / `Id` made `length` characters long. */
function withLongIds(event: Json, length: number): Json {
  return JSON.parse(
    JSON.stringify(event, (key, value: unknown) =>
      /id$/i.test(key) && typeof value === 'string' ? value.padEnd(length, 'x') : value,
    ),
  ) as Json;
}

/** Any body a webhook may come with: samples, mutated samples, very long ids, JSON, text and bytes. */
function bodies(provider: WebhookProvider, subjects: WebhookSubjects): fc.Arbitrary<string> {
  const sample = provider.samples(subjects);
  return fc.oneof(
    { arbitrary: sample.map((event) => JSON.stringify(event)), weight: 2 },
    { arbitrary: sample.chain(mutatedJson).map((event) => JSON.stringify(event)), weight: 4 },
    fc
      .tuple(sample, fc.constantFrom(200, 1100, 2100, 5000, 20_000))
      .map(([event, length]) => JSON.stringify(withLongIds(event, length))),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    oddJsonValue.map((value) => JSON.stringify(value)),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.constantFrom('', '{', 'null', '[]', '{}', '"x"', '1'),
  );
}

/**
 * Requests that prove nothing: unsigned, signed with another secret, a signature over another
 * body, signed too long ago or too far ahead, a garbage header — and, for Remotion, a signed
 * report of a render started outside its window. Every one must be refused with a 4xx.
 */
export function unprovenWebhooks(
  provider: WebhookProvider,
  config: LocalCloudConfig,
  subjects: WebhookSubjects,
): fc.Arbitrary<FuzzRequest> {
  const secret = provider.secret(config);
  const body = bodies(provider, subjects);
  const variants: fc.Arbitrary<FuzzRequest>[] = [
    body.map((text) => post(provider, text, {})),
    fc
      .tuple(body, fc.string({ minLength: 1, maxLength: 40 }))
      .filter(([, wrong]) => wrong !== secret)
      .map(([text, wrong]) => post(provider, text, provider.sign(text, wrong, now()))),
    fc
      .tuple(body, body)
      // Compared as the bytes sent: two strings with different lone surrogates are both sent
      // as U+FFFD, so the signature over one is a true signature over the other.
      .filter(([signed, sent]) => !Buffer.from(signed).equals(Buffer.from(sent)))
      .map(([signed, sent]) => post(provider, sent, provider.sign(signed, secret, now()))),
    fc.tuple(body, oddHeaders).map(([text, headers]) => post(provider, text, headers)),
  ];
  if (provider.refusedSigningOffsets.length) {
    variants.push(
      fc
        .tuple(body, fc.constantFrom(...provider.refusedSigningOffsets))
        .map(([text, offset]) => post(provider, text, provider.sign(text, secret, now() + offset))),
    );
  }
  if (provider.staleSamples) {
    variants.push(
      provider
        .staleSamples(subjects)
        .map((event) => JSON.stringify(event))
        .map((text) => post(provider, text, provider.sign(text, secret, now()))),
    );
  }
  return fc.oneof(...variants);
}

/** Correctly signed, freshly: samples, near-samples with fields missing, renamed or extra, garbage. */
export function signedWebhooks(
  provider: WebhookProvider,
  config: LocalCloudConfig,
  subjects: WebhookSubjects,
): fc.Arbitrary<FuzzRequest> {
  const secret = provider.secret(config);
  return fc
    .tuple(bodies(provider, subjects), fc.option(fc.constantFrom('text/plain', '')))
    .map(([text, contentType]) => {
      const request = post(provider, text, provider.sign(text, secret, now()));
      return contentType === null
        ? request
        : { ...request, headers: { ...request.headers, 'content-type': contentType } };
    });
}
