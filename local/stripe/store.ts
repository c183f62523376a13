import { join } from 'node:path';
import type Stripe from 'stripe';
import { readJsonFile, writeJsonFile } from '../json-file.ts';

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

interface PersistedState {
  paymentIntents: Stripe.PaymentIntent[];
  charges: Stripe.Charge[];
  refunds: Stripe.Refund[];
  events: EmulatorEvent[];
  idempotency: IdempotencyRecord[];
  undelivered: string[];
}

/**
 * The emulator's objects in memory, saved as one JSON file in its data folder after every
 * change, so payments, events and idempotency keys survive a restart. Writes are queued, so
 * a later snapshot never lands before an earlier one.
 */
export class StripeStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    readonly state: StripeState,
  ) {}

  static async open(directory: string): Promise<StripeStore> {
    const file = join(directory, 'state.json');
    const saved = await readJsonFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new Error(`The Stripe emulator cannot read ${file}: ${error.message}`);
    });
    const persisted = (saved ?? {}) as Partial<PersistedState>;
    const byId = <T extends { id: string }>(items: readonly T[] = []) =>
      new Map(items.map((item) => [item.id, item]));
    return new StripeStore(file, {
      paymentIntents: byId(persisted.paymentIntents),
      charges: byId(persisted.charges),
      refunds: byId(persisted.refunds),
      events: byId(persisted.events),
      idempotency: new Map((persisted.idempotency ?? []).map((record) => [record.key, record])),
      undelivered: new Set(persisted.undelivered),
    });
  }

  /** Saves a snapshot of the state as it is now; resolves once it is on disk. */
  save(): Promise<void> {
    const { state } = this;
    const snapshot: PersistedState = structuredClone({
      paymentIntents: [...state.paymentIntents.values()],
      charges: [...state.charges.values()],
      refunds: [...state.refunds.values()],
      events: [...state.events.values()],
      idempotency: [...state.idempotency.values()],
      undelivered: [...state.undelivered],
    });
    const write = this.writes.then(() => writeJsonFile(this.file, snapshot));
    // One failed write must not stop the ones after it; its caller still sees the failure.
    this.writes = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.writes;
  }
}
