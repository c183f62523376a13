/**
 * History for the Stripe emulator's benchmarks: paid bookings made by the emulator's own
 * ledger, 4 objects each (PaymentIntent, charge, `payment_intent.succeeded` event, idempotency
 * record).
 */
import { writeJsonFile } from '../local/json-file.ts';
import { StripeLedger } from '../local/stripe/ledger.ts';
import type { StripeState } from '../local/stripe/store.ts';

const objectsPerBooking = 4;

export const intentInput = {
  amount: 999,
  currency: 'usd',
  metadata: { bookingId: '01JBENCHBOOKING0000000000' },
  automaticPaymentMethods: { enabled: true },
  receiptEmail: 'parent@example.com',
  description: 'Call from Santa',
} as const;

/** Fills `state` with `objects` objects, 4 per paid booking, through the ledger. */
export function makeHistory(state: StripeState, objects: number): StripeLedger {
  const ledger = new StripeLedger(state);
  for (let i = 0; i < objects / objectsPerBooking; i++) {
    const context = { requestId: `req_bench_${i}`, idempotencyKey: `booking-${i}` };
    const intent = ledger.createPaymentIntent(intentInput);
    ledger.confirmPaymentIntent(intent.id, { paymentMethod: 'pm_card_visa' }, context);
    state.idempotency.set(`booking-${i}`, {
      key: `booking-${i}`,
      method: 'POST',
      path: '/v1/payment_intents',
      paramsDigest: 'bench',
      statusCode: 200,
      body: structuredClone(intent),
      requestId: context.requestId,
      createdAt: Date.now(),
    });
  }
  ledger.takeNewEvents();
  return ledger;
}

/**
 * Writes a Stripe emulator data folder (`state.json`, the whole-file format every version of
 * the store reads) holding `objects` objects of history, as made by `makeHistory`.
 */
export async function seedStripeDataFolder(folder: string, objects: number): Promise<void> {
  const state: StripeState = {
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    events: new Map(),
    idempotency: new Map(),
    undelivered: new Set(),
  };
  makeHistory(state, objects);
  await writeJsonFile(`${folder}/state.json`, {
    paymentIntents: [...state.paymentIntents.values()],
    charges: [...state.charges.values()],
    refunds: [...state.refunds.values()],
    events: [...state.events.values()],
    idempotency: [...state.idempotency.values()],
    undelivered: [],
  });
}
