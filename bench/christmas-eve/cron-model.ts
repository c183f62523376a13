import { busySignalSecs, type PlannedCall } from '../../local/elevenlabs/call-plan.ts';

/**
 * The original CallSanta's dispatch, as a discrete-event model: sales without limit (each
 * parent gets the quarter hour they wanted), a cron that every `cronPeriodSecs` sends every
 * due call that has not started, sends paced at the provider's calls-per-second, and a
 * provider that refuses a call placed while `concurrency` calls ring or talk (a refused call
 * is due again at the next tick — the original's behaviour is not on record; this is the
 * assumption). Busy / no answer are retried after `retryWaitSecs`, at most `maxRetries` times,
 * as in our workflow. A call not started by its `deadlineAt` (calling hours end) never starts.
 * Pure; all times are simulated epoch ms.
 */
export interface ModelCall {
  readonly id: string;
  /** The instant sold: the wanted quarter hour. */
  readonly bookedAt: number;
  /** Calling hours end on the callee's clock: no attempt starts at or after it. */
  readonly deadlineAt: number;
  /** The call the provider plays for attempt n (0 = first), the same as the emulator plays. */
  readonly attempt: (n: number) => PlannedCall;
}

export interface CronModelSettings {
  readonly concurrency: number;
  readonly startsPerSecond: number;
  readonly cronPeriodSecs: number;
  readonly retryWaitSecs: number;
  readonly maxRetries: number;
}

export interface ModelStart {
  readonly callId: string;
  /** 0 = first attempt. */
  readonly attempt: number;
  /** When the provider accepted the call (it started ringing). */
  readonly at: number;
  /** When its line was free again. */
  readonly endsAt: number;
}

export interface CronModelResult {
  readonly starts: readonly ModelStart[];
  /** When each refused request was sent (one call may be refused at many ticks). */
  readonly refusedAt: readonly number[];
  /** First attempts never started before their deadline. */
  readonly neverStarted: readonly string[];
  /** Retries (after busy / no answer) dropped because calling hours had ended. */
  readonly retriesDropped: number;
}

interface Pending {
  readonly call: ModelCall;
  readonly attempt: number;
  readonly dueAt: number;
  /** Not sent again before this (a refused call waits for the next tick). */
  readonly readyAt: number;
}

const secs = 1000;
/** Seconds an unanswered call rings: our dial step's `ringingTimeoutSecs` (place-call.ts). */
export const noAnswerSecs = 45;

export function simulateCron(
  calls: readonly ModelCall[],
  settings: CronModelSettings,
): CronModelResult {
  const period = settings.cronPeriodSecs * secs;
  const gap = secs / settings.startsPerSecond;
  let pending: Pending[] = calls.map((call) => ({
    call,
    attempt: 0,
    dueAt: call.bookedAt,
    readyAt: call.bookedAt,
  }));
  const starts: ModelStart[] = [];
  const refusedAt: number[] = [];
  const neverStarted: string[] = [];
  let retriesDropped = 0;
  let lineEnds: number[] = [];
  let nextSend = Number.NEGATIVE_INFINITY;
  const first = Math.min(...calls.map((c) => c.bookedAt));
  let tick = Math.floor(first / period) * period;

  while (pending.length > 0) {
    const now = tick;
    const due = pending
      .filter((p) => p.dueAt <= now && p.readyAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt || a.call.id.localeCompare(b.call.id));
    const waiting = pending.filter((p) => !(p.dueAt <= now && p.readyAt <= now));
    const next: Pending[] = [...waiting];
    for (const item of due) {
      const sendAt = Math.max(now, nextSend);
      if (sendAt >= item.call.deadlineAt) {
        if (item.attempt === 0) neverStarted.push(item.call.id);
        else retriesDropped++;
        continue;
      }
      nextSend = sendAt + gap;
      lineEnds = lineEnds.filter((end) => end > sendAt);
      if (lineEnds.length >= settings.concurrency) {
        refusedAt.push(sendAt);
        next.push({ ...item, readyAt: sendAt });
        continue;
      }
      const planned = item.call.attempt(item.attempt);
      const holdSecs =
        planned.outcome === 'answered'
          ? planned.ringSecs + planned.talkSecs
          : planned.outcome === 'busy'
            ? busySignalSecs
            : noAnswerSecs;
      const endsAt = sendAt + holdSecs * secs;
      lineEnds.push(endsAt);
      starts.push({ callId: item.call.id, attempt: item.attempt, at: sendAt, endsAt });
      if (planned.outcome !== 'answered' && item.attempt < settings.maxRetries) {
        const dueAt = endsAt + settings.retryWaitSecs * secs;
        next.push({ call: item.call, attempt: item.attempt + 1, dueAt, readyAt: dueAt });
      }
    }
    pending = next;
    tick += period;
  }
  return { starts, refusedAt, neverStarted, retriesDropped };
}
