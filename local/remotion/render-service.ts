import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import {
  type LocalRenderRequest,
  type LocalRenderState,
  type LocalRenderStatus,
  localRenderStatuses,
} from '../../functions/schemas/local-render-service.ts';
import { type SantaCallVideoProps, santaCallVideoProps } from '../../video/props.ts';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { WebhookPoster } from '../webhook-delivery.ts';
import type { RemotionFaults } from './faults.ts';
import { type RemotionWebhookBody, remotionWebhookDelivery } from './webhook.ts';

/** `renderSantaCallVideo` from video/render-local.ts, by its contract signature. */
export type RenderVideo = (options: {
  readonly props: SantaCallVideoProps;
  readonly outPath: string;
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}) => Promise<{ readonly frames: number; readonly seconds: number }>;

const savedRender = z.object({
  renderId: z.string(),
  status: z.enum(localRenderStatuses),
  request: z.object({
    inputProps: z.record(z.string(), z.unknown()),
    outName: z.object({ bucketName: z.string(), key: z.string() }),
    webhook: z.object({
      url: z.string(),
      secret: z.string(),
      customData: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  }),
  createdAt: z.string(),
  /** The webhook to (re)send; cleared once delivered or given up on. */
  pendingWebhook: z.unknown().nullable(),
});
type SavedRender = z.infer<typeof savedRender>;
const savedState = z.object({ renders: z.array(savedRender) });

export interface RenderServiceOptions {
  readonly dataDir: string;
  readonly render: RenderVideo;
  readonly s3: S3Client;
  readonly faults: RemotionFaults;
  /** Seconds are reported in the webhook's `timeToFinish`; injected so tests need not wait. */
  readonly now?: () => number;
}

/**
 * The local stand-in for Remotion Lambda: renders one video at a time (this machine has two
 * cores, and one Chromium render already uses them), in the order asked; puts the MP4 into
 * the bucket at `outName` with the S3 SDK; then posts the signed Remotion webhook.
 *
 * State is a JSON file in `dataDir` (renders and undelivered webhooks). After a restart:
 * - a render that was `rendering` when the cloud stopped is reported `error` (webhook sent):
 *   like a Remotion Lambda render whose functions died, it is never resumed — the workflow
 *   retries a failed render once;
 * - a render still `queued` (never started) is rendered now: nothing of it was lost;
 * - a webhook not yet delivered is sent again.
 */
export class RenderService {
  private readonly renders = new Map<string, SavedRender>();
  private readonly fractions = new Map<string, number>();
  private readonly posters = new Map<string, WebhookPoster>();
  private readonly queue: string[] = [];
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private saving = Promise.resolve();
  private readonly statePath: string;
  private readonly now: () => number;

  private constructor(private readonly options: RenderServiceOptions) {
    this.statePath = join(options.dataDir, 'renders.json');
    this.now = options.now ?? Date.now;
  }

  static async open(options: RenderServiceOptions): Promise<RenderService> {
    const service = new RenderService(options);
    await mkdir(join(options.dataDir, 'out'), { recursive: true });
    const saved = await readJsonFile(service.statePath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return { renders: [] }; // First start.
      throw error;
    });
    for (const render of savedState.parse(saved).renders)
      service.renders.set(render.renderId, render);
    for (const render of service.renders.values()) {
      if (render.status === 'rendering') {
        service.fail(render, new Error('The local cloud stopped while this video was rendering.'));
      } else if (render.status === 'queued') {
        service.queue.push(render.renderId);
      }
    }
    await service.save();
    for (const render of service.renders.values()) service.deliver(render);
    service.pump();
    return service;
  }

  /** Queues a render (props checked against the composition's schema); its id at once. */
  async start(request: LocalRenderRequest): Promise<{ renderId: string }> {
    santaCallVideoProps.parse(request.inputProps);
    const renderId = randomBytes(5).toString('hex');
    const render: SavedRender = {
      renderId,
      status: 'queued',
      request,
      createdAt: new Date(this.now()).toISOString(),
      pendingWebhook: null,
    };
    this.renders.set(renderId, render);
    this.queue.push(renderId);
    await this.save();
    this.pump();
    return { renderId };
  }

  state(renderId: string): LocalRenderState | undefined {
    const render = this.renders.get(renderId);
    if (!render) return undefined;
    const fraction = render.status === 'done' ? 1 : (this.fractions.get(renderId) ?? 0);
    return { renderId, status: render.status, fraction };
  }

  /** Stops: the render in flight is aborted (and reported `error` at the next start). */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.running?.catch(() => undefined);
    await Promise.all([...this.posters.values()].map((poster) => poster.close()));
    await this.saving;
  }

  private pump(): void {
    if (this.running || this.stopping.signal.aborted) return;
    const renderId = this.queue.shift();
    const render = renderId ? this.renders.get(renderId) : undefined;
    if (!render) return;
    this.running = this.run(render).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  private async run(render: SavedRender): Promise<void> {
    const fault = this.options.faults.take();
    this.setStatus(render, 'rendering');
    await this.save();
    if (fault === 'timeout') return; // Never reports: stays `rendering`, no webhook.
    const started = this.now();
    const outPath = join(this.options.dataDir, 'out', `${render.renderId}.mp4`);
    try {
      if (fault === 'error') throw new Error('Render failed (fault injected by the test).');
      const props = santaCallVideoProps.parse(render.request.inputProps);
      await this.options.render({
        props,
        outPath,
        onProgress: (fraction) => this.fractions.set(render.renderId, Math.min(0.99, fraction)),
        signal: this.stopping.signal,
      });
      const { bucketName, key } = render.request.outName;
      await this.options.s3.send(
        new PutObjectCommand({
          Bucket: bucketName,
          Key: key,
          Body: await readFile(outPath),
          ContentType: 'video/mp4',
        }),
      );
      this.setStatus(render, 'done');
      render.pendingWebhook = this.successBody(render, this.now() - started);
    } catch (error) {
      if (this.stopping.signal.aborted) return; // Reported `error` at the next start.
      this.fail(render, error);
    } finally {
      await rm(outPath, { force: true });
    }
    await this.save();
    this.deliver(render);
  }

  private fail(render: SavedRender, error: unknown): void {
    this.setStatus(render, 'error');
    const failure = error instanceof Error ? error : new Error(String(error));
    const body: RemotionWebhookBody = {
      type: 'error',
      renderId: render.renderId,
      expectedBucketOwner: null,
      bucketName: render.request.outName.bucketName,
      customData: render.request.webhook.customData,
      errors: [{ message: failure.message, name: failure.name, stack: failure.stack ?? '' }],
    };
    render.pendingWebhook = body;
  }

  private successBody(render: SavedRender, elapsedMs: number): RemotionWebhookBody {
    const { bucketName, key } = render.request.outName;
    const outputUrl = `s3://${bucketName}/${key}`;
    return {
      type: 'success',
      renderId: render.renderId,
      expectedBucketOwner: null,
      bucketName,
      customData: render.request.webhook.customData,
      outputUrl,
      outputFile: outputUrl,
      lambdaErrors: [],
      timeToFinish: elapsedMs,
      costs: {
        accruedSoFar: 0,
        displayCost: '$0.00',
        currency: 'USD',
        disclaimer: 'Rendered locally: no cost.',
      },
    };
  }

  private setStatus(render: SavedRender, status: LocalRenderStatus): void {
    render.status = status;
  }

  /** Sends the render's pending webhook in the background; cleared once settled. */
  private deliver(render: SavedRender): void {
    const body = render.pendingWebhook as RemotionWebhookBody | null;
    if (!body || this.stopping.signal.aborted) return;
    const { url, secret } = render.request.webhook;
    let poster = this.posters.get(url);
    if (!poster) {
      poster = new WebhookPoster('remotion', url);
      this.posters.set(url, poster);
    }
    poster.send(remotionWebhookDelivery(body, secret), () => {
      render.pendingWebhook = null;
      this.save().catch((error: unknown) =>
        console.error('[remotion] could not save state', error),
      );
    });
  }

  private save(): Promise<void> {
    this.saving = this.saving
      .catch(() => undefined)
      .then(() => writeJsonFile(this.statePath, { renders: [...this.renders.values()] }));
    return this.saving;
  }
}
