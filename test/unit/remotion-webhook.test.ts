import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { remotionWebhookSchema } from '../../functions/schemas/remotion-webhook.ts';
import type {
  VideoRenderReport,
  VideoRenderSettlement,
} from '../../functions/services/video-render.ts';
import { httpHandler } from '../../functions/shared/http.ts';
import {
  RemotionSignatureError,
  type RemotionSignatureFailure,
  signRemotionPayload,
  verifyRemotionSignature,
} from '../../functions/webhooks/remotion-signature.ts';
import { remotionWebhookHandler } from '../../functions/webhooks/remotion-webhook.ts';

const secret = 'remotion_unit_test_secret_0123456789abcdef';
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/remotion/${name}.json`, import.meta.url), 'utf8');
const startedAt = Date.parse('2026-12-24T17:00:00.000Z');

function failureOf(action: () => unknown): RemotionSignatureFailure | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof RemotionSignatureError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('verifyRemotionSignature', () => {
  const body = fixture('webhook-success');

  it('accepts a body signed as Remotion signs: sha512=<hex HMAC-SHA512(secret, body)>', () => {
    const expected = createHmac('sha512', secret).update(body).digest('hex');

    expect(signRemotionPayload(body, secret)).toBe(`sha512=${expected}`);
    expect(() => verifyRemotionSignature(body, `sha512=${expected}`, secret)).not.toThrow();
  });

  const cases: [string, () => string | undefined, RemotionSignatureFailure][] = [
    ['a forged signature', () => `sha512=${'ab'.repeat(64)}`, 'mismatch'],
    ['the wrong secret', () => signRemotionPayload(body, `${secret}-other`), 'mismatch'],
    ['a body changed after signing', () => signRemotionPayload(`${body} `, secret), 'mismatch'],
    ['no header', () => undefined, 'missing'],
    ['an empty header', () => '  ', 'missing'],
    ["Remotion's unsigned marker", () => 'NO_SECRET_PROVIDED', 'missing'],
    ['a SHA-256 length digest', () => `sha512=${'ab'.repeat(32)}`, 'malformed'],
    ['another scheme', () => `sha256=${'ab'.repeat(64)}`, 'malformed'],
  ];
  it.each(cases)('refuses %s', (_name, header, reason) => {
    expect(failureOf(() => verifyRemotionSignature(body, header(), secret))).toBe(reason);
  });

  it('refuses to verify with an empty secret (a configuration fault, never a pass)', () => {
    expect(() => verifyRemotionSignature(body, signRemotionPayload(body, 'x'), '')).toThrow(
      /secret is empty/,
    );
  });
});

describe('remotionWebhookSchema', () => {
  it.each(['webhook-success', 'webhook-error', 'webhook-timeout'])('reads %s', (name) => {
    const parsed = remotionWebhookSchema.parse(JSON.parse(fixture(name)));

    expect(parsed.customData).toEqual({
      bookingId: '01JBOOKING0000000000000000',
      attempt: expect.any(Number),
      startedAt: '2026-12-24T17:00:00.000Z',
    });
  });

  it('ignores fields it does not use, new or missing', () => {
    const body = {
      type: 'success',
      renderId: 'r1',
      customData: { bookingId: 'b1', attempt: 2, startedAt: '2026-12-24T17:00:00Z', extra: 1 },
      brandNewField: { nested: [1, 2] },
    };

    const parsed = remotionWebhookSchema.parse(body);

    expect(parsed).toEqual({
      type: 'success',
      renderId: 'r1',
      customData: { bookingId: 'b1', attempt: 2, startedAt: '2026-12-24T17:00:00Z' },
    });
  });

  it.each([
    ['an unknown type', { type: 'progress' }],
    // We send the attempt as a number: anything else was not sent by our render task.
    [
      'an attempt as text',
      { customData: { bookingId: 'b1', attempt: '2', startedAt: '2026-12-24T17:00:00Z' } },
    ],
    [
      'an attempt in a list',
      { customData: { bookingId: 'b1', attempt: [1], startedAt: '2026-12-24T17:00:00Z' } },
    ],
    ['a renderId too long to be one', { renderId: 'r'.repeat(3000) }],
    ['no renderId', { renderId: undefined }],
    ['no customData', { customData: null }],
    ['no bookingId', { customData: { attempt: 1, startedAt: '2026-12-24T17:00:00Z' } }],
    [
      'a startedAt that is not an instant',
      { customData: { bookingId: 'b', attempt: 1, startedAt: 'yesterday' } },
    ],
    [
      'attempt 0',
      { customData: { bookingId: 'b', attempt: 0, startedAt: '2026-12-24T17:00:00Z' } },
    ],
  ])('refuses %s', (_name, change) => {
    const body = { ...JSON.parse(fixture('webhook-timeout')), ...change };

    expect(remotionWebhookSchema.safeParse(body).success).toBe(false);
  });
});

/** A stand-in for the lead's settleVideoRender: one settlement per renderId, as its contract says. */
function settlements(known: readonly string[] = ['k3l5kyr1v1']) {
  const settled = new Map<string, VideoRenderReport>();
  const settle = async (report: VideoRenderReport): Promise<VideoRenderSettlement> => {
    if (!known.includes(report.renderId)) return 'unknown';
    if (settled.has(report.renderId)) return 'already_settled';
    settled.set(report.renderId, report);
    return 'settled';
  };
  return { settled, settle };
}

function post(body: string, signature: string | undefined) {
  return {
    routeKey: 'POST /api/webhooks/remotion',
    requestContext: { requestId: 'r-1' },
    headers: signature === undefined ? {} : { 'x-remotion-signature': signature },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** The processed-webhook records, in memory (the integration test uses the real table). */
function processedRecords() {
  const records = new Set<string>();
  return {
    has: async (renderId: string) => records.has(renderId),
    record: async (renderId: string) => {
      records.add(renderId);
    },
  };
}

function handlerAt(now: number, settle = settlements().settle, processed = processedRecords()) {
  const handle = httpHandler(
    remotionWebhookHandler({ secret: async () => secret, settle, now: () => now, processed }),
  );
  return async (event: APIGatewayProxyEventV2) => {
    const result = (await handle(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  };
}

describe('POST /api/webhooks/remotion', () => {
  const body = fixture('webhook-success');
  const signed = signRemotionPayload(body, secret);

  it('settles a signed success report with what customData carries', async () => {
    const { settled, settle } = settlements();

    const answer = await handlerAt(startedAt + 60_000, settle)(post(body, signed));

    expect(answer).toEqual({ status: 200, body: { received: true, settled: 'settled' } });
    expect(settled.get('k3l5kyr1v1')).toEqual({
      renderId: 'k3l5kyr1v1',
      bookingId: '01JBOOKING0000000000000000',
      attempt: 1,
      startedAt: '2026-12-24T17:00:00.000Z',
      outcome: 'success',
      errorCount: 0,
    });
  });

  it('reports an error render with its error count', async () => {
    const errorBody = fixture('webhook-error');
    const { settled, settle } = settlements();

    await handlerAt(
      startedAt + 60_000,
      settle,
    )(post(errorBody, signRemotionPayload(errorBody, secret)));

    expect(settled.get('k3l5kyr1v1')).toMatchObject({
      outcome: 'error',
      attempt: 2,
      errorCount: 1,
    });
  });

  it('a replay (the same renderId twice) changes nothing the second time', async () => {
    const { settled, settle } = settlements();
    const handle = handlerAt(startedAt + 60_000, settle);

    const first = await handle(post(body, signed));
    const second = await handle(post(body, signed));

    expect(first.body.settled).toBe('settled');
    expect(second).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(settled.size).toBe(1);
  });

  it('a replay racing the first delivery (not yet recorded) is already_settled by settle', async () => {
    const { settled, settle } = settlements();
    const notYetRecorded = { has: async () => false, record: async () => undefined };
    const handle = handlerAt(startedAt + 60_000, settle, notYetRecorded);

    await handle(post(body, signed));
    const second = await handle(post(body, signed));

    expect(second).toEqual({ status: 200, body: { received: true, settled: 'already_settled' } });
    expect(settled.size).toBe(1);
  });

  it('acknowledges a render nobody waits for, so Remotion stops retrying', async () => {
    const answer = await handlerAt(startedAt + 60_000, settlements([]).settle)(post(body, signed));

    expect(answer).toEqual({ status: 200, body: { received: true, ignored: true } });
  });

  it.each([
    ['forged', `sha512=${'00'.repeat(64)}`],
    ['signed with another secret', signRemotionPayload(body, 'another-secret')],
    ['unsigned', undefined],
  ])('answers 401 to a %s webhook and settles nothing', async (_name, signature) => {
    const { settled, settle } = settlements();

    const answer = await handlerAt(startedAt + 60_000, settle)(post(body, signature));

    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('invalid_signature');
    expect(settled.size).toBe(0);
  });

  it.each([
    ['stale: started more than 2 hours ago', startedAt + 2 * 3600_000 + 1, 'stale_webhook'],
    [
      'from the future: starts more than 5 minutes ahead',
      startedAt - 5 * 60_000 - 1,
      'webhook_from_the_future',
    ],
  ])('answers 400 to a %s, and settles nothing', async (_name, now, code) => {
    const { settled, settle } = settlements();

    const answer = await handlerAt(now, settle)(post(body, signed));

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect(settled.size).toBe(0);
  });

  it.each([
    ['started just under 2 hours ago', startedAt + 2 * 3600_000 - 1],
    ['starting just under 5 minutes ahead', startedAt - 5 * 60_000 + 1],
  ])('accepts a report %s', async (_name, now) => {
    expect((await handlerAt(now)(post(body, signed))).status).toBe(200);
  });

  it.each([
    ['not JSON', 'not json', 'invalid_json'],
    [
      'signed but malformed',
      JSON.stringify({ type: 'success', renderId: 'r' }),
      'malformed_webhook',
    ],
  ])('answers 400 to a body %s', async (_name, text, code) => {
    const answer = await handlerAt(startedAt)(post(text, signRemotionPayload(text, secret)));

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
  });
});
