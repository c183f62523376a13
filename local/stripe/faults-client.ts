import { request } from 'node:http';
import type { ApiFault, ApiFaultInput, WebhookFault, WebhookFaultInput } from './faults.ts';

export interface QueuedFaults {
  readonly api: readonly ApiFault[];
  readonly webhooks: readonly WebhookFault[];
}

/**
 * A typed client for the Stripe emulator's control endpoints, for tests. `baseUrl` is the
 * emulator's origin (`http://127.0.0.1:<port>`), `secretKey` any `sk_test_…` key.
 */
export class StripeFaults {
  constructor(
    private readonly baseUrl: string,
    private readonly secretKey = 'sk_test_faults_client',
  ) {}

  /** Queues faults for the next requests of an operation (500, 429, a hang). */
  api(...faults: ApiFaultInput[]): Promise<QueuedFaults> {
    return this.call('POST', '/_emulator/faults', { api: faults }) as Promise<QueuedFaults>;
  }

  /** Queues faults for the next matching webhooks (drop, duplicate, reorder, delay). */
  webhooks(...faults: WebhookFaultInput[]): Promise<QueuedFaults> {
    return this.call('POST', '/_emulator/faults', { webhooks: faults }) as Promise<QueuedFaults>;
  }

  /** What is still queued (a fault is used up once it has hit as many times as asked). */
  pending(): Promise<QueuedFaults> {
    return this.call('GET', '/_emulator/faults') as Promise<QueuedFaults>;
  }

  clear(): Promise<QueuedFaults> {
    return this.call('DELETE', '/_emulator/faults') as Promise<QueuedFaults>;
  }

  /**
   * Signs `payload` exactly as given (with `timestamp` in Unix seconds, default now, and the
   * emulator's webhook secret unless another is given) and posts it to the webhook URL once;
   * answers the receiver's status and parsed JSON body.
   */
  async postSignedWebhook(
    payload: string,
    options: { timestamp?: number; secret?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const answer = (await this.call('POST', '/_emulator/webhooks', { payload, ...options })) as {
      status: number;
      body: string;
    };
    let body: unknown = answer.body;
    try {
      body = JSON.parse(answer.body);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: answer.status, body };
  }

  /** node:http, not fetch: fetch refuses some ports (6000, 6665…) a base port may land on. */
  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, this.baseUrl),
        {
          method,
          headers: {
            authorization: `Bearer ${this.secretKey}`,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((response.statusCode ?? 0) >= 300) {
              reject(new Error(`${method} ${path} answered ${response.statusCode}: ${text}`));
              return;
            }
            resolve(JSON.parse(text));
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}
