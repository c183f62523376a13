import { request } from 'node:http';
import type { QueuedFault } from './aws-faults.ts';
import { faultControlPath } from './aws-faults.ts';

/**
 * A typed client for a local AWS stand-in's fault control (`/_local/faults` on its own port),
 * for tests. `baseUrl` is the stand-in's origin (`http://127.0.0.1:<port>`, what the local
 * cloud sets as `AWS_ENDPOINT_URL_<SERVICE>`). Every call throws when the control answers an
 * error (400 for an invalid fault, with the problem in the message).
 */
export function awsFaultControl<Request, Fault, Match>(baseUrl: string, what: string) {
  const call = <T>(method: string, body?: unknown) =>
    send<T>(new URL(faultControlPath, baseUrl), method, what, body);
  return {
    /** `POST /_local/faults`: queues a fault; answers it with its id and remaining count. */
    inject: (fault: Request) => call<QueuedFault<Fault, Match>>('POST', fault),
    /** `GET /_local/faults`: the faults still queued, oldest first. */
    queued: async () => (await call<{ faults: QueuedFault<Fault, Match>[] }>('GET')).faults,
    /** `DELETE /_local/faults`: forgets every queued fault. */
    clear: async () => {
      await call('DELETE');
    },
  };
}

/** node:http, not fetch: fetch refuses some ports (6000, 6665…) a base port may land on. */
function send<T>(url: URL, method: string, what: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': payload.length }
          : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 0) >= 300) {
            reject(new Error(`${what}'s fault control answered ${response.statusCode}: ${text}`));
            return;
          }
          resolve(JSON.parse(text) as T);
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
