import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorEvent } from './store.ts';

/** `Stripe-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signatureHeader(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookDispatcherOptions {
  readonly url: string;
  readonly secret: string;
  /** Waits before each retry; the number of retries is its length. */
  readonly retryDelaysMs: readonly number[];
  readonly attemptTimeoutMs?: number;
  readonly onDelivered: (event: EmulatorEvent) => void;
  readonly onGaveUp: (event: EmulatorEvent) => void;
}

/**
 * Posts events to the webhook URL as Stripe does: signed afresh on every attempt, retried
 * with growing waits on a non-2xx answer or a connection error, each event on its own (no
 * ordering between events). Sending never waits for delivery.
 */
export class WebhookDispatcher {
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  send(event: EmulatorEvent): void {
    if (this.stopping.signal.aborted) return;
    const delivery = this.deliver(event).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /** Stops retrying; an event not delivered yet stays undelivered for the next start. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.deliveries]);
  }

  private async deliver(event: EmulatorEvent): Promise<void> {
    const { url, secret, retryDelaysMs, attemptTimeoutMs = 10_000 } = this.options;
    const payload = JSON.stringify(event, null, 2);
    const signal = this.stopping.signal;
    let outcome = '';
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      if (attempt > 0) {
        const stopped = await sleep(retryDelaysMs[attempt - 1], false, { signal }).catch(
          () => true,
        );
        if (stopped) return;
      }
      try {
        const status = await post(
          url,
          payload,
          signatureHeader(payload, secret),
          AbortSignal.any([signal, AbortSignal.timeout(attemptTimeoutMs)]),
        );
        if (status >= 200 && status < 300) {
          this.options.onDelivered(event);
          return;
        }
        outcome = `HTTP ${status}`;
      } catch (error) {
        if (signal.aborted) return;
        outcome = describe(error);
      }
    }
    // Ids only: the payload holds personal data.
    console.error(
      `[stripe] gave up delivering ${event.id} (${event.type}) to ${url} after ${retryDelaysMs.length + 1} attempts: ${outcome}`,
    );
    this.options.onGaveUp(event);
  }
}

/**
 * One POST with node:http rather than fetch, which refuses some ports outright (6000, 6665…)
 * that CALLSANTA_PORT may well pick.
 */
function post(
  url: string,
  payload: string,
  signature: string,
  signal: AbortSignal,
): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signature,
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
    request.end(payload);
  });
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return code ?? message ?? String(error);
}
