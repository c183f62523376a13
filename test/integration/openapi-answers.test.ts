import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/api-docs/openapi-document.ts';
import { routeKey, routes } from '../../functions/routes.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';
import { remotionFaults } from '../../local/remotion/faults-client.ts';
import {
  bookingWhere,
  type CreatedBooking,
  createBooking,
  payWithCard,
  tomorrowAt,
  validBooking,
} from './support/booking-api.ts';
import { webhookProviders } from './support/fuzz-webhooks.ts';
import { startTestCloud } from './support/local-cloud.ts';
import { OpenApiContract, type OpenApiDocument } from './support/openapi-contract.ts';

/**
 * The OpenAPI document against the handlers' real answers: every route of the route table is
 * called on a real local cloud — its happy path and at least one client error — and every
 * answer must have a status the document gives that route and a body its schema for that
 * status accepts (ajv, JSON Schema 2020-12). The document is the one the cloud serves.
 */
let cloud: RunningLocalCloud;
let contract: OpenApiContract;
let served: { status: number; cacheControl: string | null; body: OpenApiDocument };

/** Statuses seen per route key. */
const seen = new Map<string, number[]>();

// Calls complete in seconds (a minute of booking time passes in a second); the emulator's
// Californian test numbers may be called at any hour.
beforeAll(async () => {
  cloud = await startTestCloud({
    timeScale: 60,
    env: {
      EXPECTED_CALL_MINUTES: '1',
      CALLING_HOURS_START: '00:00',
      CALLING_HOURS_END: '24:00',
    },
  });
  const response = await fetch(`${cloud.apiUrl}/api/openapi.json`);
  served = {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as OpenApiDocument,
  };
  contract = new OpenApiContract(served.body);
});

afterAll(async () => {
  await cloud?.stop();
});

interface Request {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: string;
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON, sent as application/json; a string is sent as it is. */
  readonly body?: unknown;
}

/**
 * Calls `method template` (the route table's path) and checks the answer against the served
 * document; throws every problem found. Records the status for the coverage check.
 */
async function send(
  method: string,
  template: string,
  request: Request = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => request.params?.[name] ?? '');
  const response = await fetch(
    `${cloud.apiUrl}${path}${request.query ? `?${request.query}` : ''}`,
    {
      method,
      headers: {
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...request.headers,
      },
      ...(request.body !== undefined
        ? { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }
        : {}),
    },
  );
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  const key = `${method} ${template}`;
  seen.set(key, [...(seen.get(key) ?? []), response.status]);
  const problems = contract.problems(method, template, response.status, body);
  if (problems.length) throw new Error(`${problems.join('\n')}\n${text.slice(0, 2000)}`);
  return { status: response.status, body: (body ?? {}) as Record<string, unknown> };
}

/** A paid "call now" booking to an emulator number, called to completion. */
async function completedCall(purchaseRecording: boolean): Promise<CreatedBooking> {
  const booking = await createBooking(cloud, {
    scheduledAt: undefined,
    callNow: true,
    timezone: 'America/Los_Angeles',
    phoneNumber: testNumbers.brief,
    purchaseRecording,
  });
  await payWithCard(cloud, booking);
  await bookingWhere(
    cloud,
    booking,
    'the call to complete',
    (view) => view.callStatus === 'completed',
    90_000,
  );
  return booking;
}

const provider = (name: string) => {
  const found = webhookProviders.find((each) => each.name === name);
  if (!found) throw new Error(`No webhook provider ${name}.`);
  return found;
};

function signed(name: string, body: string): Record<string, string> {
  const webhook = provider(name);
  return webhook.sign(body, webhook.secret(cloud.config), Math.floor(Date.now() / 1000));
}

const fixture = (path: string) =>
  readFileSync(join(import.meta.dirname, '../fixtures', path), 'utf8');

describe('the served OpenAPI document', () => {
  it('is the document the code builds, public and cacheable', () => {
    expect(served.status).toBe(200);
    expect(served.cacheControl).toContain('public');
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('names every route of the route table, and nothing else', () => {
    const documented = Object.entries(served.body.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(documented.sort()).toEqual(routes.map(routeKey).sort());
  });
});

describe('every route answers as the document says', () => {
  it('answers the service and price routes', async () => {
    const day = tomorrowAt().slice(0, 10);

    expect((await send('GET', '/api/health')).status).toBe(200);
    expect((await send('GET', '/api/openapi.json')).status).toBe(200);
    expect((await send('GET', '/api/pricing')).status).toBe(200);
    expect(
      (await send('GET', '/api/availability', { query: `date=${day}&timezone=America/New_York` }))
        .status,
    ).toBe(200);
    expect((await send('GET', '/api/availability', { query: 'date=soon' })).status).toBe(400);
  });

  it('answers the contact form, and its refusal', async () => {
    const message = 'Our call was lovely, but can Santa call again on Christmas Day?';

    expect(
      (await send('POST', '/api/contact', { body: { email: 'parent@example.com', message } }))
        .status,
    ).toBe(202);
    expect(
      (await send('POST', '/api/contact', { body: { email: 'parent@example.com', message: 'Hi' } }))
        .status,
    ).toBe(400);
  });

  it('answers a booking through its life, and its refusals', async () => {
    const created = await send('POST', '/api/calls', { body: validBooking() });
    const callId = String(created.body.callId);
    const token = String(created.body.accessToken);
    const params = { callId };

    const refusals = [
      await send('POST', '/api/calls', { body: { childName: '' } }),
      await send('POST', '/api/calls', {
        body: 'childName=Emma',
        headers: { 'content-type': 'text/plain' },
      }),
      await send('POST', '/api/calls', { body: { childInfoText: 'x'.repeat(20_000) } }),
      await send('GET', '/api/calls/{callId}', { params, token: 'not-the-token' }),
      await send('GET', '/api/calls/{callId}', { params: { callId: '%ZZ' }, token }),
      await send('PATCH', '/api/calls/{callId}', { params, token, body: {} }),
      await send('POST', '/api/calls/{callId}/erase', { params, token }),
      await send('PATCH', '/api/calls/{callId}/details', { params, token, body: {} }),
    ];
    const seenBooking = await send('GET', '/api/calls/{callId}', { params, token });
    const corrected = await send('PATCH', '/api/calls/{callId}/details', {
      params,
      token,
      body: { childName: 'Emmeline', phoneNumber: '+14155550107' },
    });
    const moved = await send('PATCH', '/api/calls/{callId}', {
      params,
      token,
      body: { scheduledAt: tomorrowAt(19, 35) },
    });
    const cancelled = await send('POST', '/api/calls/{callId}/cancel', { params, token });
    const erased = await send('POST', '/api/calls/{callId}/erase', { params, token });
    const notBuyable = await send('POST', '/api/calls/{callId}/recording-purchase', {
      params,
      token,
    });

    expect(created.status).toBe(201);
    expect(refusals.map(({ status }) => status)).toEqual([400, 415, 413, 404, 400, 400, 409, 400]);
    expect(corrected.status).toBe(200);
    expect([seenBooking.status, moved.status, cancelled.status, erased.status]).toEqual([
      200, 200, 200, 200,
    ]);
    expect(notBuyable.status).toBe(409);
  });

  it('answers the recording bought after the call, sharing it, and a failed video tried again', async () => {
    // Every render fails at once: the bought call's video fails and its retry starts, with no
    // real render to wait for.
    await remotionFaults(`http://127.0.0.1:${cloud.config.ports.remotion}`).inject({
      kind: 'error',
      times: 20,
    });
    const [bought, notBought] = await Promise.all([completedCall(true), completedCall(false)]);
    await bookingWhere(
      cloud,
      bought,
      'the video to fail',
      (view) => view.videoStatus === 'failed',
      120_000,
    );
    const mine = { params: { callId: bought.callId }, token: bought.accessToken };
    const theirs = { params: { callId: notBought.callId }, token: notBought.accessToken };

    const purchase = await send('POST', '/api/calls/{callId}/recording-purchase', theirs);
    const share = await send('POST', '/api/calls/{callId}/shares', mine);
    const shareId = String(share.body.shareId);
    const shareToken = String(share.body.url).split('/shared/')[1] ?? '';
    const list = await send('GET', '/api/calls/{callId}/shares', mine);
    const opened = await send('GET', '/api/shared/{token}', { params: { token: shareToken } });
    const stopped = await send('DELETE', '/api/calls/{callId}/shares/{shareId}', {
      ...mine,
      params: { ...mine.params, shareId },
    });
    const retried = await send('POST', '/api/calls/{callId}/video/retry', mine);
    const refusals = [
      await send('POST', '/api/calls/{callId}/shares', theirs),
      await send('GET', '/api/calls/{callId}/shares', { ...mine, token: theirs.token }),
      await send('GET', '/api/shared/{token}', { params: { token: shareToken } }),
      await send('DELETE', '/api/calls/{callId}/shares/{shareId}', {
        ...mine,
        params: { ...mine.params, shareId },
      }),
      await send('POST', '/api/calls/{callId}/video/retry', theirs),
      await send('POST', '/api/calls/{callId}/cancel', mine),
    ];

    expect([purchase.status, share.status, list.status, opened.status, stopped.status]).toEqual([
      201, 201, 200, 200, 204,
    ]);
    expect(retried.status).toBe(202);
    expect(refusals.map(({ status }) => status)).toEqual([409, 404, 404, 404, 409, 409]);
  });

  it('answers a voice-note upload form, and refuses what is not audio', async () => {
    const form = await send('POST', '/api/voice-notes', {
      body: { contentType: 'audio/webm', sizeBytes: 5 },
    });
    const refused = await send('POST', '/api/voice-notes', {
      body: { contentType: 'video/mp4', sizeBytes: 5 },
    });

    expect([form.status, refused.status]).toEqual([201, 400]);
  });

  it("answers the providers' webhooks, signed and not", async () => {
    const stripeEvent = fixture('stripe/customer.created.json');
    const audio = fixture('elevenlabs/webhook-audio.json');
    const render = JSON.stringify({
      type: 'success',
      renderId: 'openapi-render-1',
      bucketName: 'remotionlambda-local',
      customData: {
        bookingId: '01JOPENAPI0000000000000000',
        attempt: 1,
        startedAt: new Date().toISOString(),
      },
    });

    const answers = [
      await send('POST', '/api/webhooks/stripe', {
        body: stripeEvent,
        headers: signed('stripe', stripeEvent),
      }),
      await send('POST', '/api/webhooks/stripe', { body: stripeEvent }),
      await send('POST', '/api/webhooks/elevenlabs', {
        body: audio,
        headers: signed('elevenlabs', audio),
      }),
      await send('POST', '/api/webhooks/elevenlabs', { body: audio }),
      await send('POST', '/api/webhooks/remotion', {
        body: render,
        headers: signed('remotion', render),
      }),
      await send('POST', '/api/webhooks/remotion', { body: render }),
    ];

    expect(answers.map(({ status }) => status)).toEqual([200, 400, 200, 401, 200, 401]);
  });

  it("answers the creators' programme and the staff report", async () => {
    const slug = `openapi-${Date.now().toString(36)}`;
    const signup = { name: 'Jolly Jen', email: 'jen@example.com', slug };
    const day = new Date().toISOString().slice(0, 10);
    const admin = { 'x-callsanta-admin-key': cloud.config.adminKey };

    const answers = [
      await send('POST', '/api/affiliates', { body: signup }),
      await send('POST', '/api/affiliates', { body: signup }),
      await send('GET', '/api/affiliates/check-slug', { query: `slug=${slug}` }),
      await send('GET', '/api/affiliates/check-slug'),
      await send('GET', '/api/affiliates/{slug}', { params: { slug } }),
      await send('GET', '/api/affiliates/{slug}', { params: { slug: 'nobody-here' } }),
      await send('GET', '/api/admin/affiliates/report', {
        query: `from=${day}&to=${day}`,
        headers: admin,
      }),
      await send('GET', '/api/admin/affiliates/report', { query: `from=${day}&to=${day}` }),
      await send('GET', '/api/admin/affiliates/report', {
        query: 'from=yesterday&to=today',
        headers: admin,
      }),
    ];

    expect(answers.map(({ status }) => status)).toEqual([
      201, 409, 200, 400, 200, 404, 200, 403, 400,
    ]);
  });

  it('has called every route: a success each, and a client error each that documents one', () => {
    const missing = routes.map(routeKey).flatMap((key) => {
      const [method = '', path = ''] = key.split(' ');
      const statuses = seen.get(key) ?? [];
      // 429 is API Gateway's throttle, documented on every route and never a handler's answer;
      // 413 is every route's body limit, documented on every route (a GET's body included).
      const documents4xx = contract
        .statuses(method, path)
        .some((status) => status.startsWith('4') && status !== '429' && status !== '413');
      return [
        ...(statuses.some((status) => status < 300) ? [] : [`${key}: no success`]),
        ...(!documents4xx || statuses.some((status) => status >= 400 && status < 500)
          ? []
          : [`${key}: no client error`]),
      ];
    });

    expect(missing).toEqual([]);
  });
});
