import type { AddressInfo } from 'node:net';
import { close, listen } from '../aws-protocol-server.ts';
import { FaultQueue } from './faults.ts';
import { IdempotencyKeys } from './idempotency.ts';
import { StripeLedger } from './ledger.ts';
import { createStripeServer } from './server.ts';
import { StripeStore } from './store.ts';
import { WebhookDispatcher } from './webhooks.ts';

export interface StripeEmulatorOptions {
  /** 0 takes any free port; `url` tells which. */
  readonly port: number;
  readonly dataDir: string;
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  /** Waits before each webhook retry (default 0.5 s, 1 s, 2 s, 4 s, 8 s). */
  readonly webhookRetryDelaysMs?: readonly number[];
}

export interface RunningStripeEmulator {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the local Stripe on 127.0.0.1: the API server over state kept in `dataDir`, and
 * webhooks to `webhookUrl` signed with `webhookSecret`. Events whose webhook had not got
 * through when it last stopped are sent again at start. Tests can make it misbehave through
 * `/_emulator/faults` (see `faults.ts` and the typed `faults-client.ts`).
 */
export async function startStripeEmulator(
  options: StripeEmulatorOptions,
): Promise<RunningStripeEmulator> {
  const store = await StripeStore.open(options.dataDir);
  const { state } = store;
  const ledger = new StripeLedger(state);
  const saveInBackground = () => {
    store.save().catch((error: unknown) => console.error('[stripe] could not save state', error));
  };
  const faults = new FaultQueue();
  const webhooks = new WebhookDispatcher({
    faults,
    url: options.webhookUrl,
    secret: options.webhookSecret,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [500, 1000, 2000, 4000, 8000],
    onDelivered: (event) => {
      event.pending_webhooks = 0;
      // Set again so the store saves the change made in place (see tracked-collections.ts).
      state.events.set(event.id, event);
      state.undelivered.delete(event.id);
      saveInBackground();
    },
    onGaveUp: (event) => {
      state.undelivered.delete(event.id);
      saveInBackground();
    },
  });
  const server = createStripeServer({
    ledger,
    idempotency: new IdempotencyKeys(state.idempotency),
    commit: async () => {
      await store.save();
      for (const event of ledger.takeNewEvents()) webhooks.send(event);
    },
    resend: (eventId) => {
      const event = ledger.event(eventId);
      webhooks.send(event);
      return event;
    },
    faults,
    postSigned: (post) => webhooks.postSigned(post),
  });
  await listen(server, options.port, 'The local Stripe emulator');
  for (const eventId of state.undelivered) {
    const event = state.events.get(eventId);
    if (event) webhooks.send(event);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await close(server);
      await webhooks.close();
      await store.close();
    },
  };
}
