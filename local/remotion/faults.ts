import { z } from 'zod';

/**
 * Faults a test can queue on the local render service (`POST /_emulator/remotion/faults`),
 * each for the next `times` renders. In memory only: a restart clears them (they belong to
 * the test that queued them).
 *
 * - `error`: the render fails; the service posts Remotion's `type: 'error'` webhook.
 * - `timeout`: the render never reports: it stays `rendering`, no MP4, no webhook — as a
 *   Remotion render whose webhook is lost. The workflow's own timeout must notice.
 */
export const remotionFaultRequestSchema = z.object({
  kind: z.enum(['error', 'timeout']),
  times: z.number().int().min(1).max(100).default(1),
});
export type RemotionFaultRequest = z.input<typeof remotionFaultRequestSchema>;
export type RemotionFaultKind = z.output<typeof remotionFaultRequestSchema>['kind'];

export interface QueuedRemotionFault {
  readonly id: string;
  readonly kind: RemotionFaultKind;
  remaining: number;
}

export class RemotionFaults {
  private readonly queued: QueuedRemotionFault[] = [];
  private next = 1;

  add(request: z.output<typeof remotionFaultRequestSchema>): QueuedRemotionFault {
    const fault = { id: `fault_${this.next++}`, kind: request.kind, remaining: request.times };
    this.queued.push(fault);
    return fault;
  }

  list(): readonly QueuedRemotionFault[] {
    return this.queued;
  }

  clear(): void {
    this.queued.length = 0;
  }

  /** The fault for the render starting now, if one is queued; counts it down. */
  take(): RemotionFaultKind | undefined {
    const first = this.queued[0];
    if (!first) return undefined;
    first.remaining -= 1;
    if (first.remaining <= 0) this.queued.shift();
    return first.kind;
  }
}
