import {
  DeleteTransaction,
  executeTransactWrite,
  GetItemCommand,
  PutItemCommand,
  PutTransaction,
  QueryCommand,
} from 'dynamodb-toolbox';
import {
  type DispatchLimits,
  freeLines,
  giveLineBack,
  handOutLines,
  keepLine,
  type LineGrant,
  type LineState,
  nextStartSecond,
  noLines,
} from '../core/line-dispatch.ts';
import {
  CallLinesEntity,
  CallQueueEntity,
  CallQueueTicketEntity,
  callQueuePartition,
} from './entities.ts';
import { table } from './table.ts';

/**
 * Santa's lines and the queue of due calls in DynamoDB. The lines are one small item written
 * only with a version check; the queue is one partition sorted by due instant. Nobody polls
 * either: `handOut` runs when a call queues, when a line is given back, and when a waiting
 * call checks in again after its task's timeout (a safety net for a lost hand-out).
 */

const pool = 'calls';
const maxRaces = 10;
const twoDaysSeconds = 2 * 24 * 3600;

export interface QueuedCall {
  readonly holder: string;
  readonly attempt: number;
  readonly dueAt: string;
  readonly taskToken: string;
  /** When its task last checked in (ISO); set by `queueCall`. */
  readonly queuedAt?: string;
}

async function readLines(): Promise<{ version: number; state: LineState }> {
  const { Item } = await CallLinesEntity.build(GetItemCommand)
    .key({ pool })
    .options({ consistent: true })
    .send();
  return Item
    ? { version: Item.version, state: { leases: Item.leases, lastStartAt: Item.lastStartAt } }
    : { version: 0, state: noLines };
}

function writeLines(version: number, state: LineState) {
  return CallLinesEntity.build(PutTransaction)
    .item({
      pool,
      version: version + 1,
      leases: { ...state.leases },
      lastStartAt: state.lastStartAt,
    })
    .options({
      condition: version === 0 ? { attr: 'pool', exists: false } : { attr: 'version', eq: version },
    });
}

const isRace = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'TransactionCanceledException' ||
    error.name === 'ConditionalCheckFailedException');

/** The first `limit` waiting calls, in due order (a strongly consistent read of the queue). */
async function queueHead(limit: number): Promise<QueuedCall[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(CallQueueEntity)
    .query({ partition: callQueuePartition })
    .options({ consistent: true, limit })
    .send();
  return Items.map(({ holder, attempt, dueAt, taskToken, queuedAt }) => ({
    holder,
    attempt,
    dueAt,
    taskToken,
    queuedAt,
  }));
}

/**
 * Puts one attempt of a booking's call in the queue, at the instant it first queued (or
 * `dueAt` the first time). Idempotent: a check-in repeated after a timeout keeps its place
 * and replaces only the task token.
 *
 * @returns the attempt's place: its due instant (ISO)
 */
export async function queueCall(call: QueuedCall): Promise<string> {
  const expiresAt = Math.floor(Date.now() / 1000) + twoDaysSeconds;
  let dueAt = call.dueAt;
  try {
    await CallQueueTicketEntity.build(PutItemCommand)
      .item({ holder: call.holder, attempt: call.attempt, dueAt, expiresAt })
      .options({ condition: { attr: 'dueAt', exists: false } })
      .send();
  } catch (error) {
    if (!isRace(error)) throw error;
    const { Item } = await CallQueueTicketEntity.build(GetItemCommand)
      .key({ holder: call.holder, attempt: call.attempt })
      .options({ consistent: true })
      .send();
    dueAt = Item?.dueAt ?? dueAt;
  }
  await CallQueueEntity.build(PutItemCommand)
    .item({
      dueAt,
      holder: call.holder,
      attempt: call.attempt,
      taskToken: call.taskToken,
      queuedAt: new Date().toISOString(),
      expiresAt,
    })
    .send();
  return dueAt;
}

/**
 * Hands free lines to the first due calls (`handOutLines`) and takes them out of the queue,
 * in one transaction with the lines' version check; raced by another hand-out, it reads again.
 * Each granted call is then told through `deliver` (the waiting task's token); a call that can
 * no longer be told (its run ended or its task timed out) gives its line straight back — a
 * timed-out task checks in again and is first in the queue.
 *
 * @returns the grants made (none when no line was free or nobody was waiting)
 */
export async function handOut(
  limits: DispatchLimits,
  deliver: (call: QueuedCall, startAt: number) => Promise<boolean>,
): Promise<LineGrant<QueuedCall>[]> {
  for (let race = 0; race < maxRaces; race++) {
    const now = Date.now();
    const lines = await readLines();
    // Holders already on a line can appear anywhere in the queue: read a little past the
    // free lines, and never more than a transaction can delete.
    const waiting = await queueHead(Math.min(90, limits.concurrentCalls + 10));
    if (waiting.length === 0) return [];
    const { state, grants } = handOutLines(lines.state, waiting, limits, now);
    if (grants.length === 0) return [];
    try {
      await executeTransactWrite(
        writeLines(lines.version, state),
        ...grants.map(({ call }) =>
          CallQueueEntity.build(DeleteTransaction)
            .key({ dueAt: call.dueAt, holder: call.holder, attempt: call.attempt })
            .options({ condition: { attr: 'taskToken', eq: call.taskToken } }),
        ),
      );
    } catch (error) {
      if (isRace(error)) continue;
      throw error;
    }
    const told = await Promise.all(
      grants.map(async (grant) => deliver(grant.call, grant.startAt).catch(() => false)),
    );
    const untold = grants.filter((_, index) => !told[index]);
    for (const grant of untold) await giveLine(grant.call.holder);
    return grants;
  }
  // Raced every time: other hand-outs are running and will serve the queue.
  return [];
}

/** Gives the holder's line back (idempotent), with the lines' version check. */
export async function giveLine(holder: string): Promise<void> {
  for (let race = 0; race < maxRaces; race++) {
    const lines = await readLines();
    if (!(holder in lines.state.leases)) return;
    try {
      await executeTransactWrite(
        writeLines(lines.version, giveLineBack(lines.state, holder, Date.now())),
      );
      return;
    } catch (error) {
      if (!isRace(error)) throw error;
    }
  }
  throw new LinesContendedError();
}

/**
 * Renews the holder's lease while its call is live (`keepLine`), with the version check.
 *
 * @returns false when the holder had no live lease (it ran out: the line may be another's)
 */
export async function keepCallLine(
  holder: string,
  limits: Pick<DispatchLimits, 'leaseSeconds'>,
): Promise<boolean> {
  for (let race = 0; race < maxRaces; race++) {
    const lines = await readLines();
    const kept = keepLine(lines.state, holder, limits, Date.now());
    if (!kept) return false;
    try {
      await executeTransactWrite(writeLines(lines.version, kept));
      return true;
    } catch (error) {
      if (!isRace(error)) throw error;
    }
  }
  throw new LinesContendedError();
}

/**
 * Claims the next paced start second (`nextStartSecond`) with the version check: the dial
 * waits until it. Each dial claims once; a retried dial claims again (a later second).
 *
 * @returns the start second, epoch ms
 */
export async function claimStartSecond(
  limits: Pick<DispatchLimits, 'startIntervalMs'>,
): Promise<number> {
  for (let race = 0; race < maxRaces; race++) {
    const lines = await readLines();
    const next = nextStartSecond(lines.state, limits, Date.now());
    try {
      await executeTransactWrite(writeLines(lines.version, next.state));
      return next.startAt;
    } catch (error) {
      if (!isRace(error)) throw error;
    }
  }
  throw new LinesContendedError();
}

/**
 * Whether a call could start right now: a line is free and no due call is waiting for one.
 * Two reads (the lines item, and at most one waiting call).
 */
export async function lineFreeNow(concurrentCalls: number): Promise<boolean> {
  const [lines, waiting] = await Promise.all([readLines(), queueHead(5)]);
  const now = Date.now();
  // A waiting call re-queues at every check-in (each minute): an entry older than a few
  // minutes belongs to a run that is gone, and is handed out (and dropped) at the next chance.
  const live = waiting.filter(
    (call) => now - Date.parse(call.queuedAt ?? '1970-01-01T00:00:00Z') < staleQueueEntryMs,
  );
  return live.length === 0 && freeLines(lines.state, concurrentCalls, now) > 0;
}

/** Three missed check-ins (a waiting task checks in every 60 s). */
const staleQueueEntryMs = 3 * 60_000;

/**
 * Others changed the lines item first every time: a busy moment, not a fault. The caller
 * retries; a line never given back still frees itself when its lease runs out.
 */
export class LinesContendedError extends Error {
  constructor() {
    super(`The call lines item was changed by others ${maxRaces} times in a row.`);
    this.name = 'LinesContendedError';
  }
}
