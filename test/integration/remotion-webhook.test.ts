import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  VideoRenderReport,
  VideoRenderSettlement,
} from '../../functions/services/video-render.ts';
import { signRemotionPayload } from '../../functions/webhooks/remotion-signature.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { remotionFaults } from '../../local/remotion/faults-client.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

const report = (renderId: string, startedAt = new Date().toISOString()) =>
  JSON.stringify({
    type: 'success',
    renderId,
    bucketName: 'callsanta-local-videos',
    customData: { bookingId: `booking-${renderId}`, attempt: 1, startedAt },
    outputFile: 's3://callsanta-local-videos/videos/x/1.mp4',
  });

describe('POST /api/webhooks/remotion on the local cloud', () => {
  let cloud: RunningLocalCloud;
  let secret: string;

  beforeAll(async () => {
    cloud = await startTestCloud();
    secret = cloud.config.secrets.remotionWebhook;
  });

  afterAll(async () => {
    await cloud?.stop();
  });

  const post = (body: string, signature?: string) =>
    fetch(`${cloud.apiUrl}/api/webhooks/remotion`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'x-remotion-signature': signature }),
      },
      body,
    });

  it.each([
    ['forged', () => `sha512=${'ab'.repeat(64)}`],
    ['signed with another secret', () => signRemotionPayload(report('r-other'), 'not-the-secret')],
    ['unsigned', () => undefined],
  ])('answers 401 to a %s report, through the route table and the API', async (_name, sign) => {
    const response = await post(report('r-other'), sign());

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_signature',
    );
  });

  it('answers 400 to a signed report of a render started three hours ago', async () => {
    const body = report('r-stale', new Date(Date.now() - 3 * 3600_000).toISOString());

    const response = await post(body, signRemotionPayload(body, secret));

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'stale_webhook',
    );
  });

  it('settles a replayed report once: the second finds the record in the table', async () => {
    // Arrange: the handler as deployed but for settle (the lead's, on another branch), whose
    // calls are counted; the processed-report records are the real table's.
    const { remotionWebhookHandler, processedRemotionReports } = await import(
      '../../functions/webhooks/remotion-webhook.ts'
    );
    const { httpHandler } = await import('../../functions/shared/http.ts');
    const settled: VideoRenderReport[] = [];
    const settle = async (r: VideoRenderReport): Promise<VideoRenderSettlement> => {
      settled.push(r);
      return 'settled';
    };
    const handle = httpHandler(
      remotionWebhookHandler({
        secret: async () => secret,
        settle,
        now: Date.now,
        processed: processedRemotionReports,
      }),
    );
    const renderId = `r-replay-${Date.now()}`;
    const body = report(renderId);
    const event = {
      routeKey: 'POST /api/webhooks/remotion',
      requestContext: { requestId: 'r-1' },
      headers: { 'x-remotion-signature': signRemotionPayload(body, secret) },
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const call = async () => {
      const result = (await handle(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
      return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
    };

    // Act
    const first = await call();
    const second = await call();

    // Assert
    expect(first).toEqual({ status: 200, body: { received: true, settled: 'settled' } });
    expect(second).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(settled.map((r) => r.renderId)).toEqual([renderId]);
    expect(await processedRemotionReports.has(renderId)).toBe(true);
  });

  it('takes a report without the fields it does not use and with fields it has never seen: the same settlement as the full report', async () => {
    const { remotionWebhookHandler, processedRemotionReports } = await import(
      '../../functions/webhooks/remotion-webhook.ts'
    );
    const { httpHandler } = await import('../../functions/shared/http.ts');
    const settled: VideoRenderReport[] = [];
    const handle = httpHandler(
      remotionWebhookHandler({
        secret: async () => secret,
        settle: async (r) => {
          settled.push(r);
          return 'settled';
        },
        now: Date.now,
        processed: processedRemotionReports,
      }),
    );
    const call = async (body: string) => {
      const event = {
        routeKey: 'POST /api/webhooks/remotion',
        requestContext: { requestId: 'r-shape' },
        headers: { 'x-remotion-signature': signRemotionPayload(body, secret) },
        body,
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEventV2;
      const result = (await handle(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
      return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
    };
    const startedAt = new Date().toISOString();
    const customData = { bookingId: 'booking-shape', attempt: 2, startedAt };
    // Remotion Lambda's whole success and error payloads (v4).
    const full = (renderId: string, type: string) =>
      JSON.stringify({
        type,
        renderId,
        expectedBucketOwner: '123456789012',
        bucketName: 'remotionlambda-x',
        customData,
        outputUrl: 'https://x.s3.amazonaws.com/renders/r/out.mp4',
        outputFile: 's3://x/renders/r/out.mp4',
        timeToFinish: 12_000,
        costs: { accruedSoFar: 0.01, currency: 'USD', displayCost: '$0.01', disclaimer: '' },
        errors: type === 'error' ? [{ message: 'boom', name: 'Error', stack: '' }] : [],
      });
    // Only what we read, and more we have never seen, at every level.
    const lean = (renderId: string, type: string) =>
      JSON.stringify({
        type,
        renderId,
        customData: { ...customData, addedByANewerSite: 'x' },
        ...(type === 'error' ? { errors: [{ message: 'boom', newShape: { at: 1 } }] } : {}),
        artifacts: [{ filename: 'a.txt', s3Url: 's3://x/a.txt' }],
        estimatedBillingDurationInMilliseconds: 1234,
        somethingNew: null,
      });
    const stamp = Date.now();

    const answers = [
      await call(full(`r-full-ok-${stamp}`, 'success')),
      await call(lean(`r-lean-ok-${stamp}`, 'success')),
      await call(full(`r-full-err-${stamp}`, 'error')),
      await call(lean(`r-lean-err-${stamp}`, 'error')),
      await call(lean(`r-lean-timeout-${stamp}`, 'timeout')),
    ];

    expect(answers).toEqual(
      Array(5).fill({ status: 200, body: { received: true, settled: 'settled' } }),
    );
    const seen = settled.map(({ renderId: _, ...rest }) => rest);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[2]).toEqual(seen[3]);
    expect(seen.map((r) => [r.outcome, r.errorCount, r.bookingId, r.attempt])).toEqual([
      ['success', 0, 'booking-shape', 2],
      ['success', 0, 'booking-shape', 2],
      ['error', 1, 'booking-shape', 2],
      ['error', 1, 'booking-shape', 2],
      ['timeout', 0, 'booking-shape', 2],
    ]);
  });

  it("gives handlers the render service (REMOTION_LOCAL_URL, port +8) through the renderer's one code path", async () => {
    const { videoRenderer } = await import('../../functions/adapters/video-renderer.ts');
    expect(process.env.REMOTION_LOCAL_URL).toBe(`http://127.0.0.1:${cloud.config.basePort + 8}`);
    await remotionFaults(process.env.REMOTION_LOCAL_URL ?? '').inject({ kind: 'error' });

    const { renderId } = await videoRenderer().start({
      inputProps: {
        childName: 'Ada',
        audioUrl: 'http://127.0.0.1:1/a.mp3',
        durationSeconds: 1,
        peaks: [0.5],
        santaTurns: [],
      },
      outKey: 'videos/booking-1/1.mp4',
      webhook: {
        url: `${cloud.apiUrl}/api/webhooks/remotion`,
        secret,
        customData: { bookingId: 'booking-1', attempt: 1, startedAt: new Date().toISOString() },
      },
    });

    const progress = await eventually('the failed render', async () => {
      const now = await videoRenderer().progress(renderId);
      return now.failed ? now : undefined;
    });
    expect(progress).toEqual({ fraction: 0, done: false, failed: true });
  });
});
