import { join } from 'node:path';
import type Stripe from 'stripe';
import { readJsonFile, writeTextFileAtomically } from '../json-file.ts';
import { JsonLinesJournal } from '../json-lines-journal.ts';
import { TrackedMap, TrackedSet } from './tracked-collections.ts';

/** The event types the emulator sends: the ones the booking flow listens to. */
export type EmulatorEvent =
  | Stripe.PaymentIntentSucceededEvent
  | Stripe.PaymentIntentPaymentFailedEvent
  | Stripe.PaymentIntentCanceledEvent
  | Stripe.ChargeRefundedEvent;

/** The first answer to a request with an Idempotency-Key, replayed for repeats of it. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly paramsDigest: string;
  readonly statusCode: number;
  readonly body: unknown;
  readonly requestId: string;
  readonly createdAt: number;
}

export interface StripeState {
  readonly paymentIntents: Map<string, Stripe.PaymentIntent>;
  readonly charges: Map<string, Stripe.Charge>;
  readonly refunds: Map<string, Stripe.Refund>;
  readonly events: Map<string, EmulatorEvent>;
  readonly idempotency: Map<string, IdempotencyRecord>;
  /** Events whose webhook is still to be delivered — tried again after a restart. */
  readonly undelivered: Set<string>;
}

/** `state.json`: the whole state at the last compaction (the format it has always had). */
interface PersistedState {
  paymentIntents: Stripe.PaymentIntent[];
  charges: Stripe.Charge[];
  refunds: Stripe.Refund[];
  events: EmulatorEvent[];
  idempotency: IdempotencyRecord[];
  undelivered: string[];
}

type MapName = 'paymentIntents' | 'charges' | 'refunds' | 'events' | 'idempotency';
const mapNames: readonly MapName[] = [
  'paymentIntents',
  'charges',
  'refunds',
  'events',
  'idempotency',
];

/**
 * One line of `state.journal`: what one `save()` changed. Each changed object whole (by id or
 * idempotency key), `null` when it was deleted; `undelivered` ids `true` (added) or `false`.
 */
type JournalEntry = { [name in MapName]?: Record<string, unknown> } & {
  undelivered?: Record<string, boolean>;
};

interface TrackedState extends StripeState {
  readonly paymentIntents: TrackedMap<string, Stripe.PaymentIntent>;
  readonly charges: TrackedMap<string, Stripe.Charge>;
  readonly refunds: TrackedMap<string, Stripe.Refund>;
  readonly events: TrackedMap<string, EmulatorEvent>;
  readonly idempotency: TrackedMap<string, IdempotencyRecord>;
  readonly undelivered: TrackedSet<string>;
}

export interface StripeStoreOptions {
  /**
   * Fold the journal into `state.json` once it holds more than this many bytes, or more than
   * `state.json` itself if that is bigger (so compaction costs O(1) per write on average).
   * Default 1 MiB.
   */
  readonly compactAfterBytes?: number;
}

/**
 * The emulator's objects in memory, kept in its data folder so payments, events and
 * idempotency keys survive a restart, kill -9 included:
 *
 * - `state.json`, the whole state when it was last compacted;
 * - `state.journal`, one JSON line per `save()` since then with the objects that changed
 *   (see `JournalEntry`), appended — so a write costs what changed, not the whole history.
 *
 * Opening replays the journal over `state.json`, writes the result as the new `state.json`
 * (temp file + rename) and empties the journal; a save that takes the journal past
 * `compactAfterBytes` does the same. Writes are queued, so a later change never lands before
 * an earlier one. As before, nothing is fsynced.
 */
export class StripeStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly journal: JsonLinesJournal,
    private readonly trackedState: TrackedState,
    private readonly compactAfterBytes: number,
    private snapshotBytes: number,
  ) {}

  get state(): StripeState {
    return this.trackedState;
  }

  /** @throws Error naming the file when `state.json` or a journal line cannot be read. */
  static async open(directory: string, options: StripeStoreOptions = {}): Promise<StripeStore> {
    const file = join(directory, 'state.json');
    const journalFile = join(directory, 'state.journal');
    const saved = await readJsonFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`The Stripe emulator cannot read ${file}: ${error.message}`);
    });
    const persisted = (saved ?? {}) as Partial<PersistedState>;
    const byId = <T extends { id: string }>(items: readonly T[] = []) =>
      new TrackedMap(items.map((item) => [item.id, item] as const));
    const state: TrackedState = {
      paymentIntents: byId(persisted.paymentIntents),
      charges: byId(persisted.charges),
      refunds: byId(persisted.refunds),
      events: byId(persisted.events),
      idempotency: new TrackedMap(
        (persisted.idempotency ?? []).map((record) => [record.key, record] as const),
      ),
      undelivered: new TrackedSet(persisted.undelivered),
    };
    const entries = await JsonLinesJournal.read(journalFile).catch((error: Error) => {
      throw new Error(`The Stripe emulator cannot read its journal: ${error.message}`);
    });
    for (const entry of entries) replay(state, entry as JournalEntry);

    const journal = await JsonLinesJournal.open(journalFile);
    const store = new StripeStore(file, journal, state, options.compactAfterBytes ?? 1 << 20, 0);
    // Start from one file and an empty journal: the journal never grows across restarts.
    if (entries.length > 0 || journal.bytes > 0 || saved === undefined) {
      await store.enqueue(() => store.compact(snapshotText(state)));
    }
    return store;
  }

  /** Saves what changed since the last save; resolves once it is on disk. */
  save(): Promise<void> {
    const entry = changesOf(this.trackedState);
    // Taken now, not when the write runs: later changes belong to later saves.
    const line = entry === undefined ? undefined : JSON.stringify(entry);
    return this.enqueue(async () => {
      if (line !== undefined) await this.journal.append(line);
      if (this.journal.bytes > Math.max(this.compactAfterBytes, this.snapshotBytes)) {
        // The state now holds every change journaled so far (and perhaps newer ones, which
        // their own saves will journal again after the compaction: replaying them is harmless).
        await this.compact(snapshotText(this.trackedState));
      }
    });
  }

  async close(): Promise<void> {
    await this.writes;
    await this.journal.close();
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const done = this.writes.then(write);
    // One failed write must not stop the ones after it; its caller still sees the failure.
    this.writes = done.catch(() => undefined);
    return done;
  }

  /** `state.json` := `text`, then the journal is emptied (its lines are all in `text`). */
  private async compact(text: string): Promise<void> {
    await writeTextFileAtomically(this.file, text);
    this.snapshotBytes = Buffer.byteLength(text);
    // Killed here: the journal is replayed over a state.json that already holds it — each
    // object ends at its last journaled value, the same as in state.json.
    await this.journal.truncate();
  }
}

/**
 * The whole state as `state.json`'s text. Leaves the changed keys as they are: a change made
 * after a save that is still queued must still be journaled by its own save, after the lines
 * queued before it (which hold older values and are appended after the compaction).
 */
function snapshotText(state: TrackedState): string {
  const persisted: PersistedState = {
    paymentIntents: [...state.paymentIntents.values()],
    charges: [...state.charges.values()],
    refunds: [...state.refunds.values()],
    events: [...state.events.values()],
    idempotency: [...state.idempotency.values()],
    undelivered: [...state.undelivered],
  };
  return `${JSON.stringify(persisted)}\n`;
}

/** What changed since the last call, or undefined when nothing did. Marks it all saved. */
function changesOf(state: TrackedState): JournalEntry | undefined {
  const entry: JournalEntry = {};
  let changed = false;
  for (const name of mapNames) {
    const map: TrackedMap<string, unknown> = state[name];
    const keys = map.takeChanged();
    if (keys.length === 0) continue;
    changed = true;
    // Read with Map's own `get`, which does not count as a change.
    entry[name] = Object.fromEntries(
      keys.map((key) => [key, Map.prototype.get.call(map, key) ?? null]),
    );
  }
  const undelivered = state.undelivered.takeChanged();
  if (undelivered.length > 0) {
    changed = true;
    entry.undelivered = Object.fromEntries(
      undelivered.map((id) => [id, state.undelivered.has(id)]),
    );
  }
  return changed ? entry : undefined;
}

/** Applies one journal line; applying it again gives the same state. */
function replay(state: TrackedState, entry: JournalEntry): void {
  for (const name of mapNames) {
    const map: Map<string, unknown> = state[name];
    for (const [key, value] of Object.entries(entry[name] ?? {})) {
      if (value === null) map.delete(key);
      else map.set(key, value);
    }
  }
  for (const [id, pending] of Object.entries(entry.undelivered ?? {})) {
    if (pending) state.undelivered.add(id);
    else state.undelivered.delete(id);
  }
  // Replayed changes are on disk already.
  changesOf(state);
}
