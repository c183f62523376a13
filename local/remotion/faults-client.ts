import type { QueuedRemotionFault, RemotionFaultRequest } from './faults.ts';

/**
 * A typed client for the local render service's fault control (`/_emulator/remotion/faults`).
 *
 * @example
 *   await remotionFaults(url).inject({ kind: 'error' }); // the next render fails
 */
export function remotionFaults(baseUrl: string) {
  const url = `${baseUrl.replace(/\/$/, '')}/_emulator/remotion/faults`;

  async function call<T>(method: string, body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`The render service's fault control answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }

  return {
    inject: (request: RemotionFaultRequest) => call<QueuedRemotionFault>('POST', request),
    queued: async () => (await call<{ faults: QueuedRemotionFault[] }>('GET')).faults,
    clear: async () => {
      await call('DELETE');
    },
  };
}
