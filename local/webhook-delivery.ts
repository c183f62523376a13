import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/** One webhook to deliver, described the way its provider sends it. */
export interface WebhookDelivery {
  /** Ids only, for the log line if delivery fails: payloads hold personal data. */
  readonly label: string;
  readonly payload: string;
  /** Headers for one attempt; signatures are made afresh each time, as providers do. */
  readonly headers: () => Record<string, string>;
  /** Waits before each retry; their count is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Which answers count as delivered (Stripe: any 2xx; ElevenLabs: only 200). */
  readonly delivered: (status: number) => boolean;
  /** Send the body in chunks without a content length. */
  readonly chunked?: boolean;
}

const chunkBytes = 64 * 1024;

/**
 * Delivers provider webhooks for the local emulators: asynchronously (sending never waits for
 * delivery), each on its own, retried on a failed answer or a connection error, stopped
 * cleanly on shutdown.
 */
export class WebhookPoster {
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly service: string,
    private readonly url: string,
    private readonly attemptTimeoutMs = 10_000,
  ) {}

  /** Sends in the background; `settled` learns whether it was delivered (not on shutdown). */
  send(delivery: WebhookDelivery, settled: (delivered: boolean) => void): void {
    if (this.stopping.signal.aborted) return;
    const running = this.deliver(delivery, settled).finally(() => this.deliveries.delete(running));
    this.deliveries.add(running);
  }

  /** Stops retrying; what is not delivered yet stays pending for the next start. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.deliveries]);
  }

  private async deliver(
    delivery: WebhookDelivery,
    settled: (delivered: boolean) => void,
  ): Promise<void> {
    const { signal } = this.stopping;
    let outcome = '';
    for (let attempt = 0; attempt <= delivery.retryDelaysMs.length; attempt++) {
      if (attempt > 0) {
        const wait = delivery.retryDelaysMs[attempt - 1] ?? 0;
        if (await sleep(wait, false, { signal }).catch(() => true)) return;
      }
      try {
        const status = await post(this.url, delivery, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
        });
        if (delivery.delivered(status)) {
          settled(true);
          return;
        }
        outcome = `HTTP ${status}`;
      } catch (error) {
        if (signal.aborted) return;
        const { code, message } = error as { code?: string; message?: string };
        outcome = code ?? message ?? String(error);
      }
    }
    console.error(
      `[${this.service}] gave up delivering ${delivery.label} to ${this.url} after ${delivery.retryDelaysMs.length + 1} attempt(s): ${outcome}`,
    );
    settled(false);
  }
}

/** One POST over node:http: fetch refuses some ports (6000, 6665…) a base port may land on. */
function post(
  url: string,
  delivery: WebhookDelivery,
  { signal }: { signal: AbortSignal },
): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(delivery.payload, 'utf8');
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...delivery.headers(),
          ...(delivery.chunked ? {} : { 'content-length': body.length }),
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
    if (!delivery.chunked) {
      request.end(body);
      return;
    }
    for (let start = 0; start < body.length; start += chunkBytes) {
      request.write(body.subarray(start, start + chunkBytes));
    }
    request.end();
  });
}
