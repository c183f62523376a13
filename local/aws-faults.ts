import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { readBody, sendJson } from './http-util.ts';

/**
 * What the local AWS stand-ins (SES, S3) share for their fault control: the queue of faults a
 * test injects, the control endpoint that fills it, and the two ways a fault answers (an AWS
 * error after the request body is read, or no answer at all).
 */

/**
 * The control endpoint, on each stand-in's own port: `POST` queues one fault, `GET` lists the
 * queued ones, `DELETE` forgets them all. Outside every AWS path: SES v2 lives under `/v2/`,
 * and S3 bucket names never start with `_`.
 */
export const faultControlPath = '/_local/faults';

/** How many matching requests a fault applies to before it is used up. */
export const timesSchema = z.number().int().min(1).max(1000).default(1);

/**
 * No answer: the request is held open until the client gives up (its timeout), `hangMs` passes
 * (default 60 s, past any sensible client timeout), or the stand-in stops; then the connection
 * is closed without a response. Nothing is done.
 */
export const hangFaultSchema = z.object({
  kind: z.literal('hang'),
  hangMs: z.number().int().min(0).max(600_000).default(60_000),
});
export type HangFault = z.output<typeof hangFaultSchema>;

/** One queued fault, as the control endpoint answers it. */
export interface QueuedFault<Fault, Match> {
  readonly id: string;
  readonly fault: Fault;
  readonly match: Match;
  /** How many more matching requests it applies to. */
  remaining: number;
}

/** A parsed `POST /_local/faults` body. */
export interface FaultRequest<Fault, Match> {
  readonly fault: Fault;
  readonly match: Match;
  readonly times: number;
}

/**
 * The queued faults of one stand-in, in memory only (a restart clears them: they belong to one
 * test). A request takes at most one fault: the oldest that matches, counted down and removed
 * once used up.
 */
export class FaultQueue<Fault, Match, Context> {
  private readonly queued: QueuedFault<Fault, Match>[] = [];
  private next = 1;

  constructor(private readonly matches: (match: Match, context: Context) => boolean) {}

  add(request: FaultRequest<Fault, Match>): QueuedFault<Fault, Match> {
    const queued: QueuedFault<Fault, Match> = {
      id: `fault_${this.next++}`,
      fault: request.fault,
      match: request.match,
      remaining: request.times,
    };
    this.queued.push(queued);
    return structuredClone(queued);
  }

  list(): QueuedFault<Fault, Match>[] {
    return structuredClone(this.queued);
  }

  clear(): void {
    this.queued.length = 0;
  }

  /** The fault for this request, if one matches; counts it down. */
  take(context: Context): Fault | undefined {
    const index = this.queued.findIndex((queued) => this.matches(queued.match, context));
    const queued = this.queued[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queued.splice(index, 1);
    return queued.fault;
  }
}

/**
 * Answers `GET`, `POST` and `DELETE` on {@link faultControlPath} with JSON: `POST` takes a body
 * `schema` parses (400 `{ message }` when it does not) and answers the queued fault; `GET`
 * answers `{ faults: QueuedFault[] }`, oldest first; `DELETE` empties the queue and answers
 * `{ faults: [] }`. Any other method: 405.
 */
export async function answerFaultControl<Fault, Match, Context>(
  req: IncomingMessage,
  res: ServerResponse,
  queue: FaultQueue<Fault, Match, Context>,
  schema: z.ZodType<FaultRequest<Fault, Match>, unknown>,
): Promise<void> {
  if (req.method === 'GET') {
    sendJson(res, 200, { faults: queue.list() });
    return;
  }
  if (req.method === 'DELETE') {
    queue.clear();
    sendJson(res, 200, { faults: [] });
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { message: `${faultControlPath} takes GET, POST or DELETE.` });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
  } catch {
    sendJson(res, 400, { message: 'The fault is not JSON (at most 64 KiB).' });
    return;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { message: `Invalid fault: ${z.prettifyError(parsed.error)}` });
    return;
  }
  sendJson(res, 200, queue.add(parsed.data));
}

/**
 * Reads the rest of a request body and drops it, so an error can be answered on a connection
 * the client is still writing to (S3 uploads can be megabytes). A client that hangs up
 * mid-body ends the wait too.
 */
export async function discardBody(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  req.resume();
  await finished(req).catch(() => undefined);
}

/**
 * The `hang` fault: says nothing until the client gives up, `hangMs` passes or `released`
 * aborts (the stand-in is stopping), then drops the connection unanswered.
 */
export async function hangUp(
  req: IncomingMessage,
  res: ServerResponse,
  fault: HangFault,
  released?: AbortSignal,
): Promise<void> {
  // Read and dropped, so a large upload does not stall on a full socket instead of waiting.
  req.resume();
  const gaveUp = new AbortController();
  res.once('close', () => gaveUp.abort());
  const signal = released ? AbortSignal.any([gaveUp.signal, released]) : gaveUp.signal;
  await sleep(fault.hangMs, undefined, { signal }).catch(() => undefined);
  res.destroy();
}
