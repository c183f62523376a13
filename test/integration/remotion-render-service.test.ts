import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type S3rver from 's3rver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localVideoRenderer } from '../../functions/adapters/local-video-renderer.ts';
import type { VideoRenderRequest } from '../../functions/adapters/video-renderer.ts';
import { remotionWebhookSchema } from '../../functions/schemas/remotion-webhook.ts';
import { verifyRemotionSignature } from '../../functions/webhooks/remotion-signature.ts';
import {
  type RunningRemotionRenderService,
  startRemotionRenderService,
} from '../../local/remotion/emulator.ts';
import { remotionFaults } from '../../local/remotion/faults-client.ts';
import type { RenderVideo } from '../../local/remotion/render-service.ts';
import { startS3Local } from '../../local/s3-local.ts';
import { eventually } from './support/local-cloud.ts';

const secret = 'remotion_service_test_secret';
const bucket = 'callsanta-test-videos';
const s3Port = 47_000 + Math.floor(Math.random() * 900);

/** Stands in for POST /api/webhooks/remotion: keeps every delivery; can fail the next ones. */
class WebhookReceiver {
  readonly deliveries: { body: string; headers: Record<string, string | undefined> }[] = [];
  failNext = 0;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (this.failNext > 0) {
        this.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      this.deliveries.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: {
          signature: req.headers['x-remotion-signature'] as string | undefined,
          status: req.headers['x-remotion-status'] as string | undefined,
          mode: req.headers['x-remotion-mode'] as string | undefined,
        },
      });
      res.writeHead(200).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/remotion`;
  }

  forRender(renderId: string) {
    return this.deliveries.filter((delivery) => delivery.body.includes(`"${renderId}"`));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A tiny real renderer in place of video/render-local.ts (another branch): it reports progress
 * and writes a small file whose bytes name the child, so the test can prove which render's
 * output landed where. The real composition's renders are tested with V's renderer.
 */
const tinyRenderer: RenderVideo = async ({ props, outPath, onProgress }) => {
  onProgress?.(0.5);
  await writeFile(outPath, `tiny mp4 for ${props.childName}, ${props.durationSeconds} s`);
  onProgress?.(1);
  return { frames: Math.ceil(props.durationSeconds * 60), seconds: 0.01 };
};

function request(webhookUrl: string, childName: string, outKey: string): VideoRenderRequest {
  return {
    inputProps: {
      childName,
      audioUrl: 'http://127.0.0.1:1/audio.mp3',
      durationSeconds: 0.5,
      peaks: Array.from({ length: 30 }, () => 0.5),
      santaTurns: [{ startSeconds: 0, endSeconds: 0.25 }],
    },
    outKey,
    webhook: {
      url: webhookUrl,
      secret,
      customData: {
        bookingId: `booking-${childName}`,
        attempt: 1,
        startedAt: new Date().toISOString(),
      },
    },
  };
}

describe('the local render service', () => {
  let s3rver: S3rver;
  let s3: S3Client;
  let dataDir: string;
  let service: RunningRemotionRenderService;
  let receiver: WebhookReceiver;
  let webhookUrl: string;
  const renderer = () =>
    localVideoRenderer({ REMOTION_LOCAL_URL: service.url, VIDEOS_BUCKET: bucket });
  const startService = async () =>
    startRemotionRenderService({
      port: 0,
      dataDir,
      render: tinyRenderer,
      s3: { endpoint: `http://127.0.0.1:${s3Port}`, region: 'us-east-1' },
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'callsanta-remotion-'));
    s3rver = await startS3Local(s3Port, join(dataDir, 's3'), [bucket], 'http://127.0.0.1');
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${s3Port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    receiver = new WebhookReceiver();
    webhookUrl = await receiver.start();
    service = await startService();
  });

  afterAll(async () => {
    await service?.close();
    await receiver?.close();
    s3?.destroy();
    await s3rver?.close();
  });

  beforeEach(async () => {
    await remotionFaults(service.url).clear();
  });

  it('renders into the bucket at outKey, then posts a signed Remotion success webhook', async () => {
    const { renderId } = await renderer().start(request(webhookUrl, 'Ada', 'videos/b-ada/1.mp4'));

    const [delivery] = await eventually('the webhook', async () =>
      receiver.forRender(renderId).length > 0 ? receiver.forRender(renderId) : undefined,
    );

    expect(delivery?.headers).toMatchObject({ status: 'success', mode: 'production' });
    expect(() =>
      verifyRemotionSignature(delivery?.body ?? '', delivery?.headers.signature, secret),
    ).not.toThrow();
    expect(remotionWebhookSchema.parse(JSON.parse(delivery?.body ?? ''))).toMatchObject({
      type: 'success',
      renderId,
      customData: { bookingId: 'booking-Ada', attempt: 1 },
    });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'videos/b-ada/1.mp4' }),
    );
    expect(await object.Body?.transformToString()).toBe('tiny mp4 for Ada, 0.5 s');
    expect(object.ContentType).toBe('video/mp4');
    expect(await renderer().progress(renderId)).toEqual({ fraction: 1, done: true, failed: false });
  });

  it('renders one at a time, in the order asked, each into its own key', async () => {
    const a = await renderer().start(request(webhookUrl, 'Ben', 'videos/b-ben/1.mp4'));
    const b = await renderer().start(request(webhookUrl, 'Cleo', 'videos/b-cleo/1.mp4'));

    await eventually('both webhooks', async () =>
      receiver.forRender(a.renderId).length && receiver.forRender(b.renderId).length
        ? true
        : undefined,
    );

    const order = receiver.deliveries.map((d) => d.body);
    expect(order.findIndex((body) => body.includes(a.renderId))).toBeLessThan(
      order.findIndex((body) => body.includes(b.renderId)),
    );
    const cleo = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'videos/b-cleo/1.mp4' }),
    );
    expect(await cleo.Body?.transformToString()).toContain('Cleo');
  });

  it('retries a webhook the API refused, as Remotion does', async () => {
    receiver.failNext = 2;

    const { renderId } = await renderer().start(request(webhookUrl, 'Dan', 'videos/b-dan/1.mp4'));

    await eventually('the webhook after two refusals', async () =>
      receiver.forRender(renderId).length > 0 ? true : undefined,
    );
    expect(receiver.failNext).toBe(0);
  });

  it('with an error fault, puts nothing in the bucket and posts a signed error webhook', async () => {
    await remotionFaults(service.url).inject({ kind: 'error' });

    const { renderId } = await renderer().start(request(webhookUrl, 'Eve', 'videos/b-eve/1.mp4'));

    const [delivery] = await eventually('the error webhook', async () =>
      receiver.forRender(renderId).length > 0 ? receiver.forRender(renderId) : undefined,
    );
    expect(delivery?.headers.status).toBe('error');
    expect(() =>
      verifyRemotionSignature(delivery?.body ?? '', delivery?.headers.signature, secret),
    ).not.toThrow();
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({
      type: 'error',
      errors: [expect.objectContaining({ message: expect.any(String) })],
    });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'videos/b-eve/1.mp4' })),
    ).rejects.toThrow();
    expect(await renderer().progress(renderId)).toMatchObject({ done: false, failed: true });
  });

  it('with a timeout fault never reports; after a restart that render is reported as an error', async () => {
    await remotionFaults(service.url).inject({ kind: 'timeout' });
    const { renderId } = await renderer().start(request(webhookUrl, 'Finn', 'videos/b-finn/1.mp4'));
    await eventually('the render to start', async () =>
      (await renderer().progress(renderId)).fraction === 0 &&
      (await remotionFaults(service.url).queued()).length === 0
        ? true
        : undefined,
    );
    // A later render still runs: the stuck one does not hold the queue.
    const next = await renderer().start(request(webhookUrl, 'Gus', 'videos/b-gus/1.mp4'));
    await eventually('the next render', async () =>
      receiver.forRender(next.renderId).length > 0 ? true : undefined,
    );
    expect(receiver.forRender(renderId)).toHaveLength(0);

    await service.close();
    service = await startService();

    const [delivery] = await eventually('the error webhook after the restart', async () =>
      receiver.forRender(renderId).length > 0 ? receiver.forRender(renderId) : undefined,
    );
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({ type: 'error', renderId });
    expect(await renderer().progress(renderId)).toMatchObject({ failed: true });
  });

  it('refuses props the composition would refuse, with a 400 the client reports', async () => {
    const bad = request(webhookUrl, 'Hal', 'videos/b-hal/1.mp4');

    await expect(
      renderer().start({ ...bad, inputProps: { ...bad.inputProps, childName: '' } }),
    ).rejects.toThrow(/400/);
  });
});
