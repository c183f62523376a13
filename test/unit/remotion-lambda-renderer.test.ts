import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remotionLambdaRenderer } from '../../functions/adapters/remotion-lambda-renderer.ts';
import { videoRenderer } from '../../functions/adapters/video-renderer.ts';

/**
 * The Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`) on 127.0.0.1,
 * answering as the Remotion function does: it lets the real @remotion/lambda client build and
 * send its payload, which is what these tests read. Nothing renders here.
 */
class LambdaInvokeStandIn {
  readonly invocations: { functionName: string; payload: Record<string, unknown> }[] = [];
  answer: (payload: Record<string, unknown>) => unknown = () => ({});
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = /\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '';
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      this.invocations.push({ functionName: decodeURIComponent(name), payload });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.answer(payload)));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const env = (endpoint: string): NodeJS.ProcessEnv => ({
  REMOTION_FUNCTION_NAME: 'callsanta-test-remotion-render-4-0-527',
  REMOTION_SERVE_URL: 'https://d111111abcdef8.cloudfront.net/index.html',
  REMOTION_REGION: 'us-east-1',
  REMOTION_RENDER_BUCKET: 'callsanta-test-render-bucket',
  REMOTION_MAX_LAMBDAS: '10',
  VIDEOS_BUCKET: 'callsanta-test-videos',
  AWS_ENDPOINT_URL_LAMBDA: endpoint,
});

const fiveMinutes = {
  childName: 'Ada',
  audioUrl: 'https://callsanta-test-recordings.s3.amazonaws.com/calls/b1.mp3?X-Amz-Signature=abc',
  durationSeconds: 300,
  peaks: Array.from({ length: 18_000 }, (_, i) => (i % 100) / 100),
  santaTurns: [{ startSeconds: 0, endSeconds: 12.5 }],
};

describe('the Remotion Lambda renderer', () => {
  const lambda = new LambdaInvokeStandIn();
  let endpoint: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    endpoint = await lambda.start();
    // The Remotion client builds its own AWS clients from the environment.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1',
    });
  });

  afterAll(async () => {
    process.env = saved;
    await lambda.close();
  });

  it('starts a render with our settings: h264, BT.709, no ACL, outName in the videos bucket, the webhook', async () => {
    lambda.answer = () => ({
      type: 'success',
      renderId: 'r4nd3r1d',
      bucketName: 'callsanta-test-render-bucket',
    });
    const renderer = videoRenderer(env(endpoint));

    const { renderId } = await renderer.start({
      inputProps: fiveMinutes,
      outKey: 'videos/b1/1.mp4',
      webhook: {
        url: 'https://www.callsanta.example/api/webhooks/remotion',
        secret: 'whsec-remotion',
        customData: { bookingId: 'b1', attempt: 1, startedAt: '2026-12-24T17:00:00.000Z' },
      },
    });

    expect(renderId).toBe('r4nd3r1d');
    const [invocation] = lambda.invocations.slice(-1);
    expect(invocation?.functionName).toBe('callsanta-test-remotion-render-4-0-527');
    expect(invocation?.payload).toMatchObject({
      type: 'start',
      composition: 'SantaCallVideo',
      serveUrl: 'https://d111111abcdef8.cloudfront.net/index.html',
      codec: 'h264',
      colorSpace: 'bt709',
      privacy: 'no-acl',
      bucketName: 'callsanta-test-render-bucket',
      // 18,000 frames over 9 renderers (10 concurrent, the orchestrator included).
      framesPerLambda: 2_000,
      outName: { bucketName: 'callsanta-test-videos', key: 'videos/b1/1.mp4' },
      webhook: {
        url: 'https://www.callsanta.example/api/webhooks/remotion',
        secret: 'whsec-remotion',
        customData: { bookingId: 'b1', attempt: 1, startedAt: '2026-12-24T17:00:00.000Z' },
      },
      downloadBehavior: { type: 'play-in-browser' },
    });
  });

  it('reads progress tolerantly: fraction, done, failed', async () => {
    lambda.answer = () => ({
      overallProgress: 0.42,
      done: false,
      fatalErrorEncountered: false,
      aNewFieldFromAFutureRemotion: { nested: true },
    });

    const progress = await remotionLambdaRenderer(env(endpoint)).progress('r4nd3r1d');

    expect(progress).toEqual({ fraction: 0.42, done: false, failed: false });
    expect(lambda.invocations.at(-1)?.payload).toMatchObject({
      type: 'status',
      renderId: 'r4nd3r1d',
      bucketName: 'callsanta-test-render-bucket',
    });
  });

  it('refuses an outKey outside videos/ before asking Lambda', async () => {
    const before = lambda.invocations.length;

    await expect(
      videoRenderer(env(endpoint)).start({
        inputProps: fiveMinutes,
        outKey: 'recordings/b1.mp4',
        webhook: { url: 'https://x.example/hook', secret: 's', customData: {} },
      }),
    ).rejects.toThrow(/videos\//);
    expect(lambda.invocations).toHaveLength(before);
  });

  it('refuses customData over Remotion’s 1 KB before asking Lambda', async () => {
    const before = lambda.invocations.length;

    await expect(
      videoRenderer(env(endpoint)).start({
        inputProps: fiveMinutes,
        outKey: 'videos/b1/1.mp4',
        webhook: {
          url: 'https://x.example/hook',
          secret: 's',
          customData: { note: 'x'.repeat(1100) },
        },
      }),
    ).rejects.toThrow(/1024/);
    expect(lambda.invocations).toHaveLength(before);
  });

  it('chooses the local render service when no Remotion function is configured', async () => {
    expect(() => videoRenderer({ VIDEOS_BUCKET: 'v' })).toThrow(/REMOTION_LOCAL_URL/);
  });
});
