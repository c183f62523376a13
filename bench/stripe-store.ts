/**
 * The cost of one write of the local Stripe emulator's state, at 100 / 1 000 / 10 000 objects
 * of history, before and after the journal (`local/stripe/store.ts`):
 *
 * - before: the store's `save()` as it was until 2026-11-30 (commit e57a24e) — a structured
 *   clone of the whole state, written whole as pretty JSON through a temp file and a rename;
 * - after: `StripeStore.save()` — one appended line with what changed, and now and then a
 *   compaction (state.json rewritten, journal emptied), which the mean and p99 include.
 *
 * History is made by the emulator's own ledger: per booking a PaymentIntent, its charge, its
 * `payment_intent.succeeded` event and an idempotency record (4 objects). The write measured is
 * what `POST /v1/payment_intents` commits: one new PaymentIntent. Times are from `save()` to
 * its promise settling, the synchronous cloning/serialising included. Prints p50 / p99 / mean
 * in ms and the before/after ratio. Run: `npm run bench:stripe-store`. Asserts nothing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonFile } from '../local/json-file.ts';
import type { StripeLedger } from '../local/stripe/ledger.ts';
import { type StripeState, StripeStore } from '../local/stripe/store.ts';
import { load, mean, ms, percentile, printTable } from './stats.ts';
import { intentInput, makeHistory } from './stripe-history.ts';

const historySizes = [100, 1_000, 10_000];

/** Writes timed of the whole-file rewrite: fewer at 10 000 objects, where each takes long. */
const wholeFileWritesAt = (objects: number) => (objects >= 10_000 ? 60 : 300);

/** `StripeStore.save()` before the journal, verbatim. */
function wholeFileSave(file: string, state: StripeState): Promise<void> {
  const snapshot = structuredClone({
    paymentIntents: [...state.paymentIntents.values()],
    charges: [...state.charges.values()],
    refunds: [...state.refunds.values()],
    events: [...state.events.values()],
    idempotency: [...state.idempotency.values()],
    undelivered: [...state.undelivered],
  });
  return writeJsonFile(file, snapshot);
}

async function timeWrites(
  writes: number,
  ledger: StripeLedger,
  save: () => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < writes; i++) {
    ledger.createPaymentIntent(intentInput);
    const started = performance.now();
    await save();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Writes to the journaled store until it has compacted at least once (and at least 300), so
 * the mean and p99 carry the compaction's cost as it is spread in use. Returns the samples and
 * the slowest write (the compaction), with the journal line's size.
 */
async function timeJournalWrites(
  folder: string,
  ledger: StripeLedger,
  store: StripeStore,
): Promise<{ samples: number[]; compactions: number; lineBytes: number; snapshotBytes: number }> {
  const journal = join(folder, 'state.journal');
  const samples: number[] = [];
  let compactions = 0;
  let lineBytes = 0;
  let previous = (await stat(journal)).size;
  while (samples.length < 300 || compactions === 0) {
    ledger.createPaymentIntent(intentInput);
    const started = performance.now();
    await store.save();
    samples.push(performance.now() - started);
    const size = (await stat(journal)).size;
    if (size < previous) compactions++;
    else lineBytes = size - previous;
    previous = size;
  }
  const snapshotBytes = (await stat(join(folder, 'state.json'))).size;
  return { samples, compactions, lineBytes, snapshotBytes };
}

async function main() {
  const rows: string[][] = [];
  for (const objects of historySizes) {
    const folder = await mkdtemp(join(tmpdir(), 'callsanta-bench-stripe-store-'));
    try {
      // Before: a plain state, rewritten whole.
      const plain: StripeState = {
        paymentIntents: new Map(),
        charges: new Map(),
        refunds: new Map(),
        events: new Map(),
        idempotency: new Map(),
        undelivered: new Set(),
      };
      const plainLedger = makeHistory(plain, objects);
      const beforeFile = join(folder, 'before', 'state.json');
      await wholeFileSave(beforeFile, plain);
      const before = await timeWrites(wholeFileWritesAt(objects), plainLedger, () =>
        wholeFileSave(beforeFile, plain),
      );
      const loadBefore = load();

      // After: the journaled store, with its history saved (and compacted) first.
      const store = await StripeStore.open(join(folder, 'after'));
      const storeLedger = makeHistory(store.state, objects);
      await store.save();
      const after = await timeJournalWrites(join(folder, 'after'), storeLedger, store);
      await store.close();
      const loadAfter = load();

      const { samples } = after;
      rows.push([
        objects.toLocaleString('en-US'),
        `${ms(percentile(before, 50))} / ${ms(percentile(before, 99))} / ${ms(mean(before))}`,
        `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))} / ${ms(mean(samples))}`,
        `${(percentile(before, 50) / percentile(samples, 50)).toFixed(0)}× / ${(mean(before) / mean(samples)).toFixed(0)}×`,
        `${ms(Math.max(...samples))} (${after.compactions}×)`,
        `${(after.snapshotBytes / 1024).toFixed(0)} KiB / ${after.lineBytes} B`,
        `${before.length} / ${samples.length}`,
        `${loadBefore} / ${loadAfter}`,
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  printTable(
    [
      'objects',
      'before: whole file p50 / p99 / mean',
      'after: journal p50 / p99 / mean',
      'before/after p50 / mean',
      'after: slowest (compactions)',
      'state.json / journal line',
      'writes',
      'load avg',
    ],
    rows,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
