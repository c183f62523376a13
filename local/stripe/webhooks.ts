import { createHmac } from 'node:crypto';
import { WebhookPoster } from '../webhook-delivery.ts';
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
  private readonly poster: WebhookPoster;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.poster = new WebhookPoster('stripe', options.url, options.attemptTimeoutMs);
  }

  send(event: EmulatorEvent): void {
    const payload = JSON.stringify(event, null, 2);
    this.poster.send(
      {
        label: `${event.id} (${event.type})`,
        payload,
        headers: () => ({
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, this.options.secret),
        }),
        retryDelaysMs: this.options.retryDelaysMs,
        delivered: (status) => status >= 200 && status < 300,
      },
      (delivered) => (delivered ? this.options.onDelivered(event) : this.options.onGaveUp(event)),
    );
  }

  /** Stops retrying; an event not delivered yet stays undelivered for the next start. */
  close(): Promise<void> {
    return this.poster.close();
  }
}
