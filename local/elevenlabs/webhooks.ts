import { signElevenLabsPayload } from '../../functions/webhooks/elevenlabs-signature.ts';
import { WebhookPoster } from '../webhook-delivery.ts';
import type { PendingWebhook } from './store.ts';

export interface WebhookSenderOptions {
  readonly url: string;
  readonly secret: string;
  /** Waits before each retry of a transcription webhook; their count is the retries. */
  readonly retryDelaysMs: readonly number[];
  readonly attemptTimeoutMs?: number;
  /** Called once a webhook is delivered or given up on: it is no longer pending. */
  readonly onSettled: (webhook: PendingWebhook) => void;
}

/**
 * Posts webhooks as ElevenLabs does: signed afresh on each attempt, and delivered only by an
 * HTTP 200 (a 201 or 204 is a failure). Only transcription webhooks are retried; ElevenLabs
 * documents no retries for the others; audio goes out chunked. Sending never waits.
 */
export class WebhookSender {
  private readonly poster: WebhookPoster;
  /** Resolvers of sends not yet settled, all resolved when the sender closes. */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: WebhookSenderOptions) {
    this.poster = new WebhookPoster('elevenlabs', options.url, options.attemptTimeoutMs);
  }

  /** Resolves once the webhook is delivered or given up on, or the sender closes. */
  send(webhook: PendingWebhook): Promise<void> {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    this.waiting.add(resolve);
    const payload = JSON.stringify(webhook.event);
    const { type } = webhook.event;
    this.poster.send(
      {
        label: `${type} for ${String(webhook.event.data.conversation_id)}`,
        payload,
        headers: () => ({
          'user-agent': 'ElevenLabs-Webhooks (local emulator)',
          'elevenlabs-signature': signElevenLabsPayload(payload, this.options.secret),
        }),
        retryDelaysMs: type === 'post_call_transcription' ? this.options.retryDelaysMs : [],
        delivered: (status) => status === 200,
        chunked: type === 'post_call_audio',
      },
      // Delivered or given up on, it is no longer pending.
      () => {
        this.options.onSettled(webhook);
        this.waiting.delete(resolve);
        resolve();
      },
    );
    return promise;
  }

  /** Stops sending; a webhook still pending is sent again at the next start. */
  async close(): Promise<void> {
    await this.poster.close();
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }
}
