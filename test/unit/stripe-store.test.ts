import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { StripeStore } from '../../local/stripe/store.ts';

const folders: string[] = [];

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'callsanta-stripe-store-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function intent(id: string, status: Stripe.PaymentIntent.Status): Stripe.PaymentIntent {
  return { id, object: 'payment_intent', status, amount: 999 } as Stripe.PaymentIntent;
}

describe('the Stripe emulator store', () => {
  it('keeps changes made in place to an object read with get, and deletions, across a reopen', async () => {
    const folder = await dataFolder();
    const store = await StripeStore.open(folder);
    store.state.paymentIntents.set('pi_1', intent('pi_1', 'requires_payment_method'));
    store.state.paymentIntents.set('pi_2', intent('pi_2', 'requires_payment_method'));
    store.state.undelivered.add('evt_1');
    await store.save();

    const read = store.state.paymentIntents.get('pi_1');
    if (read) read.status = 'succeeded';
    store.state.paymentIntents.delete('pi_2');
    store.state.undelivered.delete('evt_1');
    await store.save();
    await store.close();

    const reopened = await StripeStore.open(folder);
    expect(reopened.state.paymentIntents.get('pi_1')?.status).toBe('succeeded');
    expect(reopened.state.paymentIntents.has('pi_2')).toBe(false);
    expect([...reopened.state.undelivered]).toEqual([]);
    await reopened.close();
  });

  it('appends only what changed: a write does not grow with the number of objects', async () => {
    const folder = await dataFolder();
    const store = await StripeStore.open(folder, { compactAfterBytes: 1 << 30 });
    const journal = join(folder, 'state.journal');
    for (let i = 0; i < 500; i++)
      store.state.paymentIntents.set(`pi_${i}`, intent(`pi_${i}`, 'processing'));
    await store.save();
    const before = (await stat(journal)).size;

    store.state.paymentIntents.set('pi_new', intent('pi_new', 'processing'));
    await store.save();

    expect((await stat(journal)).size - before).toBeLessThan(200);
    await store.close();
  });

  it('folds the journal into state.json past the threshold, and at the next start', async () => {
    const folder = await dataFolder();
    const store = await StripeStore.open(folder, { compactAfterBytes: 1000 });
    const journal = join(folder, 'state.journal');
    for (let i = 0; i < 40; i++) {
      store.state.paymentIntents.set(`pi_${i}`, intent(`pi_${i}`, 'processing'));
      await store.save();
    }
    expect((await stat(journal)).size).toBeLessThanOrEqual(1000 + 200);
    await store.close();

    const reopened = await StripeStore.open(folder);
    expect((await stat(journal)).size).toBe(0);
    expect(reopened.state.paymentIntents.size).toBe(40);
    const snapshot = JSON.parse(await readFile(join(folder, 'state.json'), 'utf8'));
    expect(snapshot.paymentIntents).toHaveLength(40);
    await reopened.close();
  });

  it('keeps a change saved after a compaction that ran while older lines were still queued', async () => {
    const folder = await dataFolder();
    const store = await StripeStore.open(folder, { compactAfterBytes: 1 });
    const padded = { ...intent('pi_1', 'processing'), description: 'x'.repeat(2000) };
    store.state.paymentIntents.set('pi_1', padded);
    const first = store.save();
    const changeStatus = (status: Stripe.PaymentIntent.Status) => {
      // As the ledger does: read through the map, then change in place.
      const read = store.state.paymentIntents.get('pi_1');
      if (read) read.status = status;
    };
    changeStatus('requires_action');
    const second = store.save();
    changeStatus('succeeded');
    await Promise.all([first, second]);

    await store.save();
    await store.close();

    const reopened = await StripeStore.open(folder);
    expect(reopened.state.paymentIntents.get('pi_1')?.status).toBe('succeeded');
    await reopened.close();
  });

  it('leaves out a last line cut short by a kill, keeping every complete one', async () => {
    const folder = await dataFolder();
    const store = await StripeStore.open(folder);
    store.state.paymentIntents.set('pi_kept', intent('pi_kept', 'succeeded'));
    await store.save();
    await store.close();
    await appendFile(join(folder, 'state.journal'), '{"paymentIntents":{"pi_torn":{"id":"pi');

    const reopened = await StripeStore.open(folder);
    expect([...reopened.state.paymentIntents.keys()]).toEqual(['pi_kept']);
    await reopened.close();
  });

  it('reads a state.json written by the whole-file store before the journal', async () => {
    const folder = await dataFolder();
    const { writeJsonFile } = await import('../../local/json-file.ts');
    await writeJsonFile(join(folder, 'state.json'), {
      paymentIntents: [intent('pi_old', 'succeeded')],
      charges: [],
      refunds: [],
      events: [],
      idempotency: [],
      undelivered: ['evt_old'],
    });

    const store = await StripeStore.open(folder);
    expect(store.state.paymentIntents.get('pi_old')?.status).toBe('succeeded');
    expect([...store.state.undelivered]).toEqual(['evt_old']);
    await store.close();
  });
});
