import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../../functions/adapters/stripe-client.ts';
import { type RunningStripeEmulator, startStripeEmulator } from '../../local/stripe/emulator.ts';
import { StripeFaults } from '../../local/stripe/faults-client.ts';
import { eventually } from './support/local-cloud.ts';

const webhookSecret = 'whsec_stripe_emulator_test';
const secretKey = 'sk_test_stripe_emulator';
const publishableKey = 'pk_test_stripe_emulator';

interface Delivery {
  readonly body: string;
  readonly signature: string;
  readonly event: Stripe.Event;
}

/** Stands in for /api/webhooks/stripe: keeps every delivery; can fail some about an object. */
class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private readonly failures = new Map<string, number>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as Stripe.Event;
      const objectId = (event.data.object as { id?: string }).id ?? '';
      const failuresLeft = this.failures.get(objectId) ?? 0;
      if (failuresLeft > 0) {
        this.failures.set(objectId, failuresLeft - 1);
        res.writeHead(500).end();
        return;
      }
      const signature = String(req.headers['stripe-signature']);
      this.deliveries.push({ body, signature, event });
      res.writeHead(200).end();
    });
  });

  /** Answers 500 to the next `times` deliveries of events about `objectId`. */
  fail(objectId: string, times: number): void {
    this.failures.set(objectId, times);
  }

  failuresLeft(objectId: string): number {
    return this.failures.get(objectId) ?? 0;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/stripe`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Deliveries of `type` about `objectId` (a charge event matches its payment intent too). */
  about(type: string, objectId: string): Delivery[] {
    return this.deliveries.filter(({ event }) => {
      const object = event.data.object as { id?: string; payment_intent?: string };
      return event.type === type && (object.id === objectId || object.payment_intent === objectId);
    });
  }

  async waitFor(type: string, objectId: string, count = 1): Promise<Delivery[]> {
    return eventually(`${count} × ${type} for ${objectId}`, async () => {
      const found = this.about(type, objectId);
      return found.length >= count ? found : undefined;
    });
  }
}

const receiver = new WebhookReceiver();
let webhookUrl: string;
let emulator: RunningStripeEmulator;
let stripe: Stripe;
let browser: Stripe;

async function startEmulator(
  dataDir?: string,
  webhookRetryDelaysMs: readonly number[] = [50, 100, 200],
): Promise<RunningStripeEmulator> {
  return startStripeEmulator({
    port: 0,
    dataDir: dataDir ?? (await mkdtemp(join(tmpdir(), 'callsanta-stripe-'))),
    webhookUrl,
    webhookSecret,
    webhookRetryDelaysMs,
  });
}

function clientFor(url: string, key = secretKey): Stripe {
  return createStripeClient({ STRIPE_SECRET_KEY: key, STRIPE_API_BASE_URL: url });
}

function createIntent(overrides: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({
    amount: 2999,
    currency: 'usd',
    automatic_payment_methods: { enabled: true },
    metadata: { bookingId: 'booking-1' },
    ...overrides,
  });
}

/**
 * Confirms as Stripe.js does in the browser: the publishable key and the client secret (which
 * the SDK's confirm parameters do not list, since servers never need it).
 */
function confirmInBrowser(intent: Stripe.PaymentIntent, paymentMethod: string) {
  return browser.paymentIntents.confirm(intent.id, {
    payment_method: paymentMethod,
    client_secret: intent.client_secret ?? '',
  } as Stripe.PaymentIntentConfirmParams);
}

async function paidIntent(): Promise<Stripe.PaymentIntent> {
  const intent = await createIntent();
  return stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
}

beforeAll(async () => {
  webhookUrl = await receiver.start();
  emulator = await startEmulator();
  stripe = clientFor(emulator.url);
  browser = clientFor(emulator.url, publishableKey);
});

afterAll(async () => {
  await emulator?.close();
  await receiver.close();
});

describe('creating a PaymentIntent', () => {
  it('returns a full PaymentIntent waiting for a payment method', async () => {
    const intent = await createIntent({ receipt_email: 'parent@example.com' });

    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 2999,
      currency: 'usd',
      status: 'requires_payment_method',
      latest_charge: null,
      livemode: false,
      metadata: { bookingId: 'booking-1' },
      automatic_payment_methods: { enabled: true },
      receipt_email: 'parent@example.com',
    });
    expect(intent.id).toMatch(/^pi_\w+$/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_\\w+$`));
    expect(intent.created).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('replays the first answer for a repeated idempotency key with the same parameters', async () => {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: 4999,
      currency: 'usd',
      metadata: { bookingId: 'booking-idem' },
    };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-idem' });

    const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-idem' });

    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses the same idempotency key with different parameters', async () => {
    await stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'booking-changed' },
    );

    const reuse = stripe.paymentIntents.create(
      { amount: 2000, currency: 'usd' },
      { idempotencyKey: 'booking-changed' },
    );

    await expect(reuse).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(reuse).rejects.toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
  });

  it.each([
    [{ amount: 49 }, 'amount', 'amount_too_small'],
    [{ amount: 12.5 }, 'amount', 'parameter_invalid_integer'],
    // ISK is two-decimal in the API but charged in whole krónur only.
    [{ amount: 150050, currency: 'isk' }, 'amount', 'invalid_charge_amount_no_decimal_compatible'],
    [{ currency: 'zzz' }, 'currency', undefined],
    [{ metadata: { note: 'x'.repeat(501) } }, 'metadata[note]', undefined],
    [{ receipt_email: 'not-an-email' }, 'receipt_email', 'email_invalid'],
    [
      { automatic_payment_methods: { enabled: 'yes' } },
      'automatic_payment_methods[enabled]',
      undefined,
    ],
    [{ colour: 'red' }, 'colour', 'parameter_unknown'],
  ])('refuses %o naming the parameter %s', async (overrides, param, code) => {
    const attempt = createIntent(overrides as Partial<Stripe.PaymentIntentCreateParams>);

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, param, code });
  });

  it('refuses more than 50 metadata keys', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

    await expect(createIntent({ metadata })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'metadata',
    });
  });
});

describe('charging in other currencies', () => {
  it.each([
    // Zero-decimal: 1500 is ¥1,500, charged as is.
    [1500, 'jpy'],
    [999, 'gbp'],
    [999, 'eur'],
    // Whole krónur in ISK's two-decimal amounts; three-decimal amounts ending in 0.
    [150000, 'isk'],
    [5120, 'kwd'],
  ])('charges %i %s and receives exactly that', async (amount, currency) => {
    const intent = await createIntent({
      amount,
      currency,
      metadata: { bookingId: `b-${currency}` },
    });

    const confirmed = await confirmInBrowser(intent, 'pm_card_visa');

    expect(confirmed).toMatchObject({ status: 'succeeded', currency, amount_received: amount });
  });

  it('refuses a three-decimal amount that does not end in 0', async () => {
    await expect(createIntent({ amount: 5125, currency: 'kwd' })).rejects.toMatchObject({
      statusCode: 400,
      param: 'amount',
    });
  });
});

describe('updating a PaymentIntent', () => {
  it('merges metadata, unsets a key and the receipt email sent empty, even after success', async () => {
    const paid = await paidIntent();
    await stripe.paymentIntents.update(paid.id, {
      metadata: { childName: 'Mia', note: 'x' },
      receipt_email: 'parent@example.com',
    });

    const updated = await stripe.paymentIntents.update(paid.id, {
      metadata: { childName: '' },
      receipt_email: '',
    });
    const read = await stripe.paymentIntents.retrieve(paid.id);

    expect(updated.metadata).toEqual({ bookingId: 'booking-1', note: 'x' });
    expect(read).toMatchObject({ status: 'succeeded', receipt_email: null });
    expect(read.metadata).toEqual({ bookingId: 'booking-1', note: 'x' });
  });

  it('refuses an unknown parameter and an unknown intent, as Stripe does', async () => {
    const intent = await createIntent();

    const unknown = await stripe.paymentIntents
      .update(intent.id, { statement_descriptor: 'SANTA' })
      .catch((error: unknown) => error);
    const missing = await stripe.paymentIntents
      .update('pi_missing', { metadata: { a: '' } })
      .catch((error: unknown) => error);

    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown' });
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('confirming a PaymentIntent', () => {
  it('succeeds with pm_card_visa from the browser, with a charge and a signed payment_intent.succeeded webhook', async () => {
    const intent = await createIntent({ metadata: { bookingId: 'booking-visa' } });

    const confirmed = await confirmInBrowser(intent, 'pm_card_visa');

    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(2999);
    expect(confirmed.latest_charge).toMatch(/^ch_\w+$/);
    const [delivery] = await receiver.waitFor('payment_intent.succeeded', intent.id);
    const event = stripe.webhooks.constructEvent(
      delivery?.body ?? '',
      delivery?.signature ?? '',
      webhookSecret,
    );
    expect(event).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      data: {
        object: {
          id: intent.id,
          status: 'succeeded',
          metadata: { bookingId: 'booking-visa' },
          latest_charge: confirmed.latest_charge,
        },
      },
    });
    expect(event.id).toMatch(/^evt_\w+$/);
    expect(event.request?.id).toMatch(/^req_\w+$/);
  });

  it('signs webhooks that a wrong secret does not verify', async () => {
    const intent = await paidIntent();
    const [delivery] = await receiver.waitFor('payment_intent.succeeded', intent.id);

    expect(() =>
      stripe.webhooks.constructEvent(
        delivery?.body ?? '',
        delivery?.signature ?? '',
        'whsec_wrong',
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('answers a declined card with a 402 card error, keeps the intent payable and sends payment_intent.payment_failed', async () => {
    const intent = await createIntent();

    const attempt = stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_chargeDeclined',
    });

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    await expect(attempt).rejects.toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: 'generic_decline',
      payment_intent: { id: intent.id, status: 'requires_payment_method' },
    });
    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    await receiver.waitFor('payment_intent.payment_failed', intent.id);
  });

  it('lets a declined intent be paid with another card', async () => {
    const intent = await createIntent();
    await stripe.paymentIntents
      .confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' })
      .catch(() => undefined);

    const retried = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_visa',
    });

    expect(retried.status).toBe('succeeded');
    expect(retried.last_payment_error).toBeNull();
  });

  it('refuses to confirm an intent that already succeeded', async () => {
    const intent = await paidIntent();

    const again = stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });

    await expect(again).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'payment_intent_unexpected_state',
    });
  });

  it('refuses an unknown payment method, naming it', async () => {
    const intent = await createIntent();

    await expect(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_unheard_of' }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'payment_method' });
  });
});

describe('publishable keys', () => {
  it('may retrieve an intent with its client secret', async () => {
    const intent = await createIntent();

    const seen = await browser.paymentIntents.retrieve(intent.id, {
      client_secret: intent.client_secret ?? '',
    });

    expect(seen.id).toBe(intent.id);
  });

  it('may not act on an intent without its client secret, nor create one', async () => {
    const intent = await createIntent();

    await expect(browser.paymentIntents.retrieve(intent.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripePermissionError,
    );
    await expect(
      browser.paymentIntents.create({ amount: 1000, currency: 'usd' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it('may not use another intent’s client secret', async () => {
    const [mine, theirs] = await Promise.all([createIntent(), createIntent()]);

    await expect(
      confirmInBrowser({ ...mine, client_secret: theirs.client_secret }, 'pm_card_visa'),
    ).rejects.toMatchObject({ statusCode: 400, param: 'client_secret' });
  });
});

describe('cancelling a PaymentIntent', () => {
  it('cancels it, sends payment_intent.canceled and refuses to confirm it afterwards', async () => {
    const intent = await createIntent();

    const canceled = await stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: 'abandoned',
    });

    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    await receiver.waitFor('payment_intent.canceled', intent.id);
    await expect(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }),
    ).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
  });
});

describe('refunds', () => {
  it('refunds in parts, marks the charge and sends charge.refunded with the charge', async () => {
    const intent = await paidIntent();

    const part = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 999,
      reason: 'requested_by_customer',
      metadata: { bookingId: 'booking-1' },
    });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });

    expect(part).toMatchObject({
      object: 'refund',
      amount: 999,
      status: 'succeeded',
      payment_intent: intent.id,
      charge: intent.latest_charge,
    });
    expect(part.id).toMatch(/^re_\w+$/);
    expect(rest.amount).toBe(2000);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 2999, refunded: true });
    const deliveries = await receiver.waitFor('charge.refunded', intent.id, 2);
    const objects = deliveries.map(({ event }) => event.data.object as Stripe.Charge);
    expect(objects.map((c) => [c.object, c.payment_intent, c.amount_refunded])).toEqual(
      expect.arrayContaining([
        ['charge', intent.id, 999],
        ['charge', intent.id, 2999],
      ]),
    );
  });

  it('refuses to refund more than is left', async () => {
    const intent = await paidIntent();
    await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });

    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 1000 }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      param: 'amount',
    });
  });

  it('refuses to refund an intent that was never paid', async () => {
    const intent = await createIntent();

    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      statusCode: 400,
      param: 'payment_intent',
    });
  });
});

describe('events and webhook delivery', () => {
  it('serves a delivered event by id', async () => {
    const intent = await paidIntent();
    const [delivery] = await receiver.waitFor('payment_intent.succeeded', intent.id);

    const event = await eventually('the event marked delivered', async () => {
      const stored = await stripe.events.retrieve(delivery?.event.id ?? '');
      return stored.pending_webhooks === 0 ? stored : undefined;
    });

    expect(event).toMatchObject({ id: delivery?.event.id, type: 'payment_intent.succeeded' });
  });

  it('delivers the same event again on resend, with the same id', async () => {
    const intent = await paidIntent();
    const [first] = await receiver.waitFor('payment_intent.succeeded', intent.id);

    const response = await fetch(`${emulator.url}/_emulator/events/${first?.event.id}/resend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}` },
    });

    expect(response.status).toBe(200);
    const both = await receiver.waitFor('payment_intent.succeeded', intent.id, 2);
    expect(both.map(({ event }) => event.id)).toEqual([first?.event.id, first?.event.id]);
  });

  it('retries a webhook the receiver failed, signing it afresh', async () => {
    const intent = await createIntent();
    receiver.fail(intent.id, 2);

    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });

    const [delivery] = await receiver.waitFor('payment_intent.succeeded', intent.id);
    expect(receiver.failuresLeft(intent.id)).toBe(0);
    expect(
      stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', webhookSecret)
        .id,
    ).toBe(delivery?.event.id);
  });
});

describe('the wire format', () => {
  it('parses bracket-encoded nested objects and [] lists sent by hand', async () => {
    const intent = await paidIntent();

    const response = await fetch(
      `${emulator.url}/v1/payment_intents/${intent.id}?expand[]=latest_charge`,
      { headers: { authorization: `Bearer ${secretKey}` } },
    );
    const created = await fetch(`${emulator.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'amount=1500&currency=eur&metadata[bookingId]=b%26q&automatic_payment_methods[enabled]=false',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      latest_charge: { object: 'charge', id: intent.latest_charge, status: 'succeeded' },
    });
    expect(await created.json()).toMatchObject({
      amount: 1500,
      currency: 'eur',
      metadata: { bookingId: 'b&q' },
      automatic_payment_methods: { enabled: false },
    });
  });

  it('answers an unknown id with a 404 resource_missing', async () => {
    const missing = stripe.paymentIntents.retrieve('pi_doesnotexist');

    await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(missing).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses a bad or missing API key with a 401', async () => {
    const wrongKey = clientFor(emulator.url, 'sk_live_not_for_the_emulator');

    await expect(wrongKey.paymentIntents.retrieve('pi_any')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const anonymous = await fetch(`${emulator.url}/v1/payment_intents/pi_any`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('persistence', () => {
  it('keeps intents, charges, events and idempotency keys across a restart on the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-stripe-restart-'));
    const before = await startEmulator(dataDir);
    const client = clientFor(before.url);
    const created = await client.paymentIntents.create(
      { amount: 5000, currency: 'usd' },
      { idempotencyKey: 'restart-key' },
    );
    const paid = await client.paymentIntents.confirm(created.id, {
      payment_method: 'pm_card_visa',
    });
    const [delivery] = await receiver.waitFor('payment_intent.succeeded', created.id);
    await before.close();

    const after = await startEmulator(dataDir);
    try {
      const restarted = clientFor(after.url);
      const intent = await restarted.paymentIntents.retrieve(created.id);
      const charge = await restarted.charges.retrieve(String(paid.latest_charge));
      const event = await restarted.events.retrieve(delivery?.event.id ?? '');
      const replay = await restarted.paymentIntents.create(
        { amount: 5000, currency: 'usd' },
        { idempotencyKey: 'restart-key' },
      );

      expect(intent).toMatchObject({ status: 'succeeded', latest_charge: paid.latest_charge });
      expect(charge.status).toBe('succeeded');
      expect(event.type).toBe('payment_intent.succeeded');
      expect(replay.id).toBe(created.id);
      expect(replay.status).toBe('requires_payment_method');
    } finally {
      await after.close();
    }
  });

  it('delivers at the next start a webhook that had not got through when it stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-stripe-redeliver-'));
    // The first attempt fails and the retry is far off, so the stop comes before delivery.
    const before = await startEmulator(dataDir, [60_000]);
    const client = clientFor(before.url);
    const intent = await client.paymentIntents.create({ amount: 5000, currency: 'usd' });
    receiver.fail(intent.id, 1);
    await client.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    await eventually('the first attempt', async () =>
      receiver.failuresLeft(intent.id) === 0 ? true : undefined,
    );
    await before.close();

    const after = await startEmulator(dataDir);
    try {
      const [delivery] = await receiver.waitFor('payment_intent.succeeded', intent.id);

      expect(delivery?.event.data.object).toMatchObject({ id: intent.id, status: 'succeeded' });
    } finally {
      await after.close();
    }
  });
});

describe('faults on demand', () => {
  const faults = () => new StripeFaults(emulator.url, secretKey);

  afterEach(async () => {
    await faults().clear();
  });

  it('answers the next request of an operation with a 500, which stripe-node retries', async () => {
    const intent = await createIntent();
    await faults().api({ operation: 'payment_intents.retrieve', kind: 'server_error' });
    const once = clientFor(emulator.url);
    const never = createStripeClient(
      { STRIPE_SECRET_KEY: secretKey, STRIPE_API_BASE_URL: emulator.url },
      { maxNetworkRetries: 0 },
    );

    const retried = await once.paymentIntents.retrieve(intent.id);
    await faults().api({ operation: 'payment_intents.retrieve', kind: 'server_error' });
    const failed = never.paymentIntents.retrieve(intent.id);

    expect(retried.id).toBe(intent.id);
    await expect(failed).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    await expect(failed).rejects.toMatchObject({ statusCode: 500, type: 'StripeAPIError' });
    expect((await faults().pending()).api).toEqual([]);
  });

  it('answers 429 with Stripe’s rate-limit body for as many requests as asked, carrying none out', async () => {
    await faults().api({ operation: 'payment_intents.create', kind: 'rate_limited', times: 2 });

    const first = createIntent({ metadata: { bookingId: 'booking-429' } });
    await expect(first).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    await expect(first).rejects.toMatchObject({ statusCode: 429, code: 'rate_limit' });
    await expect(createIntent()).rejects.toMatchObject({ statusCode: 429 });
    const third = await createIntent();

    expect(third.status).toBe('requires_payment_method');
    expect((await faults().pending()).api).toEqual([]);
  });

  it('hangs past the client’s timeout; the client gives up and its retry gets through', async () => {
    const intent = await createIntent();
    await faults().api({ operation: 'payment_intents.retrieve', kind: 'hang' });
    const impatient = createStripeClient(
      { STRIPE_SECRET_KEY: secretKey, STRIPE_API_BASE_URL: emulator.url },
      { timeoutMs: 300, maxNetworkRetries: 0 },
    );
    const patient = createStripeClient(
      { STRIPE_SECRET_KEY: secretKey, STRIPE_API_BASE_URL: emulator.url },
      { timeoutMs: 300, maxNetworkRetries: 1 },
    );

    const started = Date.now();
    await expect(impatient.paymentIntents.retrieve(intent.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
    const tookMs = Date.now() - started;
    await faults().api({ operation: 'payment_intents.retrieve', kind: 'hang' });
    const retried = await patient.paymentIntents.retrieve(intent.id);

    expect(tookMs).toBeLessThan(5000);
    expect(retried.id).toBe(intent.id);
  });

  it('drops the next matching webhook for good', async () => {
    const dropped = await createIntent();
    const kept = await createIntent();
    await faults().webhooks({ kind: 'drop', objectId: dropped.id });

    await stripe.paymentIntents.confirm(dropped.id, { payment_method: 'pm_card_visa' });
    await stripe.paymentIntents.confirm(kept.id, { payment_method: 'pm_card_visa' });
    await receiver.waitFor('payment_intent.succeeded', kept.id);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(receiver.about('payment_intent.succeeded', dropped.id)).toEqual([]);
  });

  it('duplicates a webhook: the same event id twice', async () => {
    const intent = await createIntent();
    await faults().webhooks({ kind: 'duplicate', eventType: 'payment_intent.succeeded' });

    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    const both = await receiver.waitFor('payment_intent.succeeded', intent.id, 2);

    expect(new Set(both.map(({ event }) => event.id)).size).toBe(1);
  });

  it('reorders: a held webhook arrives after the next one', async () => {
    const intent = await paidIntent();
    await receiver.waitFor('payment_intent.succeeded', intent.id);
    await faults().webhooks({ kind: 'reorder', eventType: 'charge.refunded', objectId: intent.id });

    await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    const refunds = await receiver.waitFor('charge.refunded', intent.id, 2);

    expect(
      refunds.map(({ event }) => (event.data.object as Stripe.Charge).amount_refunded),
    ).toEqual([1500, 1000]);
  });

  it('delays a webhook, signed when sent or with its creation time', async () => {
    const late = await createIntent();
    const stale = await createIntent();
    await faults().webhooks(
      { kind: 'delay', delaySeconds: 1.5, objectId: late.id },
      { kind: 'delay', delaySeconds: 1.5, objectId: stale.id, signAt: 'created' },
    );

    const sentAt = Date.now();
    await stripe.paymentIntents.confirm(late.id, { payment_method: 'pm_card_visa' });
    await stripe.paymentIntents.confirm(stale.id, { payment_method: 'pm_card_visa' });
    const [lateDelivery] = await receiver.waitFor('payment_intent.succeeded', late.id);
    const [staleDelivery] = await receiver.waitFor('payment_intent.succeeded', stale.id);
    const signedAt = (delivery: typeof lateDelivery) =>
      Number(/t=(\d+)/.exec(delivery?.signature ?? '')?.[1]);

    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1400);
    expect(signedAt(lateDelivery)).toBeGreaterThanOrEqual(Math.floor((sentAt + 1000) / 1000));
    expect(signedAt(staleDelivery)).toBe(staleDelivery?.event.created);
  });

  it('signs and posts an arbitrary body once, answering what the receiver said', async () => {
    const timestamp = Math.floor(Date.now() / 1000) + 3600;
    const before = receiver.deliveries.length;

    const answer = await faults().postSignedWebhook(
      JSON.stringify({ id: 'evt_junk', type: 'junk', data: { object: {} } }),
      { timestamp },
    );
    const delivery = receiver.deliveries[before];

    expect(answer.status).toBe(200);
    expect(delivery?.event.id).toBe('evt_junk');
    expect(delivery?.signature).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
    expect(() =>
      Stripe.webhooks.constructEvent(
        delivery?.body ?? '',
        delivery?.signature ?? '',
        webhookSecret,
      ),
    ).not.toThrow();
  });

  it('refuses control calls without a secret key', async () => {
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      headers: { authorization: `Bearer ${publishableKey}` },
    });

    expect(response.status).toBe(403);
  });

  it('lists and clears queued faults', async () => {
    await faults().api({ operation: 'refunds.create', kind: 'server_error', times: 3 });
    await faults().webhooks({ kind: 'drop', eventType: 'charge.refunded' });

    const queued = await faults().pending();
    const cleared = await faults().clear();

    expect(queued.api).toEqual([
      expect.objectContaining({ operation: 'refunds.create', times: 3 }),
    ]);
    expect(queued.webhooks).toEqual([expect.objectContaining({ kind: 'drop' })]);
    expect(cleared).toEqual({ api: [], webhooks: [] });
  });
});
