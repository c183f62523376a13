import type { CallPlan, CallPlanRequest } from './call-plan.ts';
import type { FaultRequest, QueuedFault } from './faults.ts';

/** One outbound call the emulator placed, as `GET /_emulator/calls` lists it. */
export interface PlacedCallRecord {
  readonly conversationId: string;
  /** E.164. */
  readonly toNumber: string;
  /** `conversation_initiation_client_data.user_id` sent with the call; null when none. */
  readonly dialMarker: string | null;
  /** ISO 8601, when the outbound-call request placed it. */
  readonly placedAt: string;
  readonly callSid: string;
  /** `telephony_call_config.twilio_machine_detection` as sent; null when not asked for. */
  readonly machineDetection: { readonly mode: string } | null;
  readonly ringingTimeoutSecs: number | null;
  readonly status: string;
  readonly callResult: string | null;
  /** ISO 8601 (ms, real clock): when the line was released; null while it rings or talks. */
  readonly endedAt: string | null;
  /** Talk length the call plan gave an answered call, simulated seconds; else null. */
  readonly plannedTalkSecs: number | null;
}

/**
 * A typed client for the ElevenLabs emulator's fault control (`/_emulator/*`, no API key):
 * tests queue faults for the next requests, calls or webhooks of an operation, and read back
 * every call placed.
 *
 * @example
 *   const faults = elevenLabsFaults(emulator.url);
 *   await faults.inject({ operation: 'outbound-call', fault: { kind: 'answer-lost', status: 503 } });
 *   await faults.placedCalls(); // → [{ toNumber, dialMarker, placedAt, … }]
 */
export function elevenLabsFaults(baseUrl: string) {
  const url = (path: string) => `${baseUrl.replace(/\/$/, '')}${path}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(url(path), {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`The emulator's fault control answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }

  return {
    /** `POST /_emulator/faults`: queues a fault; answers it with its id and remaining count. */
    inject: (request: FaultRequest) => call<QueuedFault>('POST', '/_emulator/faults', request),
    /** `GET /_emulator/faults`: the faults still queued. */
    queued: async () => (await call<{ faults: QueuedFault[] }>('GET', '/_emulator/faults')).faults,
    /** `DELETE /_emulator/faults`: forgets every queued fault. */
    clear: async () => {
      await call('DELETE', '/_emulator/faults');
    },
    /** `GET /_emulator/calls`: every call placed, oldest first. */
    placedCalls: async () =>
      (await call<{ calls: PlacedCallRecord[] }>('GET', '/_emulator/calls')).calls,
    /**
     * `GET /_emulator/calls` whole: every call placed, and the ISO 8601 instants (real clock)
     * of calls refused with 429 because the concurrent-call limit was reached.
     */
    callLog: () =>
      call<{ calls: PlacedCallRecord[]; refusedAt: string[] }>('GET', '/_emulator/calls'),
    /** `POST /_emulator/call-plan`: how calls to ordinary numbers go from now on (defaults filled). */
    setCallPlan: async (plan: CallPlanRequest) =>
      (await call<{ plan: CallPlan }>('POST', '/_emulator/call-plan', plan)).plan,
    /** `DELETE /_emulator/call-plan`: ordinary numbers answer and talk briefly again. */
    clearCallPlan: async () => {
      await call('DELETE', '/_emulator/call-plan');
    },
  };
}
export type ElevenLabsFaults = ReturnType<typeof elevenLabsFaults>;
