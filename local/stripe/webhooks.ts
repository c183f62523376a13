import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebhookPoster } from '../webhook-delivery.ts';
import type { FaultQueue, SignedPost } from './faults.ts';
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

const userAgent = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';

export interface WebhookDispatcherOptions {
  readonly url: string;
  readonly secret: string;
  /** Waits before each retry; the number of retries is its length. */
  readonly retryDelaysMs: readonly number[];
  readonly attemptTimeoutMs?: number;
  /** Faults queued through `/_emulator/faults`; none when absent. */
  readonly faults?: FaultQueue;
  readonly onDelivered: (event: EmulatorEvent) => void;
  readonly onGaveUp: (event: EmulatorEvent) => void;
}

/**
 * Posts events to the webhook URL as Stripe does: signed afresh on every attempt, retried
 * with growing waits on a non-2xx answer or a connection error, each event on its own (no
 * ordering between events). Sending never waits for delivery. Queued faults may drop,
 * duplicate, hold back (reorder) or delay an event.
 */
export class WebhookDispatcher {
  private readonly poster: WebhookPoster;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Events held back by a `reorder` fault, released after the next one is sent. */
  private held: { event: EmulatorEvent; timer: NodeJS.Timeout }[] = [];
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.poster = new WebhookPoster('stripe', options.url, options.attemptTimeoutMs);
  }

  send(event: EmulatorEvent): void {
    if (this.closed) return;
    const fault = this.options.faults?.takeWebhookFault(event);
    switch (fault?.kind) {
      case 'drop':
        // As when Stripe gives up: the event exists, its webhook never arrives.
        this.options.onGaveUp(event);
        return;
      case 'duplicate':
        this.deliver(event);
        this.deliver(event);
        break;
      case 'reorder': {
        const timer = this.later(fault.holdMs, () => this.release(event));
        this.held.push({ event, timer });
        return;
      }
      case 'delay':
        this.later(fault.delaySeconds * 1000, () =>
          this.deliver(event, fault.signAt === 'created' ? event.created : undefined),
        );
        return;
      default:
        this.deliver(event);
    }
    // Whatever was held back goes out after this one, so the two arrive swapped.
    const held = this.held;
    this.held = [];
    for (const { event: heldEvent, timer } of held) {
      clearTimeout(timer);
      this.timers.delete(timer);
      this.later(100, () => this.deliver(heldEvent));
    }
  }

  /**
   * Signs `payload` (with `timestamp`, default now, and `secret`, default the emulator's) and
   * posts it once; answers the receiver's status and body. For tests of what the receiver
   * does with junk, stale or future-dated signatures.
   */
  postSigned(post: SignedPost): Promise<{ status: number; body: string }> {
    const header = signatureHeader(
      post.payload,
      post.secret ?? this.options.secret,
      post.timestamp,
    );
    return postOnce(this.options.url, post.payload, {
      'user-agent': userAgent,
      'stripe-signature': header,
    });
  }

  /** Stops retrying; an event not delivered yet stays undelivered for the next start. */
  close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
    return this.poster.close();
  }

  private release(event: EmulatorEvent): void {
    this.held = this.held.filter((held) => held.event !== event);
    this.deliver(event);
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private deliver(event: EmulatorEvent, signedAt?: number): void {
    const payload = JSON.stringify(event, null, 2);
    this.poster.send(
      {
        label: `${event.id} (${event.type})`,
        payload,
        headers: () => ({
          'user-agent': userAgent,
          'stripe-signature': signatureHeader(payload, this.options.secret, signedAt),
        }),
        retryDelaysMs: this.options.retryDelaysMs,
        delivered: (status) => status >= 200 && status < 300,
      },
      (delivered) => (delivered ? this.options.onDelivered(event) : this.options.onGaveUp(event)),
    );
  }
}

/** One POST over node:http (fetch refuses some ports a base port may land on), body kept. */
function postOnce(
  url: string,
  payload: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = Buffer.from(payload, 'utf8');
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
          ...headers,
        },
        signal: AbortSignal.timeout(30_000),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
