import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { signElevenLabsPayload } from '../../functions/webhooks/elevenlabs-signature.ts';
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

/** Audio webhooks go out in pieces of this size, as ElevenLabs sends them chunked. */
const chunkBytes = 64 * 1024;

/**
 * Posts webhooks as ElevenLabs does: signed afresh on each attempt, and delivered only by an
 * HTTP 200 (a 201 or 204 is a failure). Only transcription webhooks are retried; ElevenLabs
 * documents no retries for the others. Sending never waits for delivery.
 */
export class WebhookSender {
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: WebhookSenderOptions) {}

  send(webhook: PendingWebhook): void {
    if (this.stopping.signal.aborted) return;
    const delivery = this.deliver(webhook).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /** Stops sending; a webhook still pending is sent again at the next start. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.deliveries]);
  }

  private async deliver(webhook: PendingWebhook): Promise<void> {
    const { url, secret, attemptTimeoutMs = 10_000 } = this.options;
    const retryDelaysMs =
      webhook.event.type === 'post_call_transcription' ? this.options.retryDelaysMs : [];
    const payload = JSON.stringify(webhook.event);
    const { signal } = this.stopping;
    let outcome = '';
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      if (attempt > 0) {
        const stopped = await sleep(retryDelaysMs[attempt - 1], false, { signal }).catch(
          () => true,
        );
        if (stopped) return;
      }
      try {
        const status = await post(url, payload, signElevenLabsPayload(payload, secret), {
          chunked: webhook.event.type === 'post_call_audio',
          signal: AbortSignal.any([signal, AbortSignal.timeout(attemptTimeoutMs)]),
        });
        if (status === 200) {
          this.options.onSettled(webhook);
          return;
        }
        outcome = `HTTP ${status}`;
      } catch (error) {
        if (signal.aborted) return;
        outcome = (error as { code?: string }).code ?? String(error);
      }
    }
    // Ids only: the payload holds a child's name and words.
    console.error(
      `[elevenlabs] gave up delivering ${webhook.event.type} for ${String(webhook.event.data.conversation_id)} to ${url} after ${retryDelaysMs.length + 1} attempt(s): ${outcome}`,
    );
    this.options.onSettled(webhook);
  }
}

/** One POST over node:http: fetch refuses some ports (6000, 6665…) a base port may land on. */
function post(
  url: string,
  payload: string,
  signature: string,
  { chunked, signal }: { chunked: boolean; signal: AbortSignal },
): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(payload, 'utf8');
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'elevenlabs-signature': signature,
          'user-agent': 'ElevenLabs-Webhooks (local emulator)',
          ...(chunked ? {} : { 'content-length': body.length }),
        },
        signal,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (!chunked) {
      request.end(body);
      return;
    }
    for (let start = 0; start < body.length; start += chunkBytes) {
      request.write(body.subarray(start, start + chunkBytes));
    }
    request.end();
  });
}
