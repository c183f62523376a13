import {
  $add,
  DeleteTransaction,
  executeTransactWrite,
  PutTransaction,
  QueryCommand,
  UpdateTransaction,
} from 'dynamodb-toolbox';
import { SlotCounterEntity, SlotHoldEntity, slotCounterPartition } from './entities.ts';
import { table } from './table.ts';

/**
 * Places per bookable instant (`core/instant-capacity.ts`). A counter item says how many places are taken; each
 * booking's place is a hold item beside it. Taking a place increments the counter only while
 * it is below capacity, in the same transaction as the booking write, so two parents can never
 * both get the last place. Unpaid holds past their expiry are given back lazily, when a full
 * slot is asked for again — no sweeper to run or to fail.
 */

export function takePlaceTransactions(
  slotStart: string,
  bookingId: string,
  capacity: number,
  holdExpiresAt: string,
  confirmed = false,
) {
  return [
    SlotCounterEntity.build(UpdateTransaction)
      .item({ slotStart, count: $add(1) })
      .options({
        // An instant that sells nothing (`placesAt` 0) must refuse even its first place.
        condition:
          capacity > 0
            ? {
                or: [
                  { attr: 'count', exists: false },
                  { attr: 'count', lt: capacity },
                ],
              }
            : { attr: 'count', lt: 0 },
      }),
    SlotHoldEntity.build(PutTransaction)
      .item({ slotStart, bookingId, confirmed, holdExpiresAt })
      .options({ condition: { attr: 'bookingId', exists: false } }),
  ] as const;
}

export function givePlaceBackTransactions(slotStart: string, bookingId: string) {
  return [
    SlotHoldEntity.build(DeleteTransaction)
      .key({ slotStart, bookingId })
      .options({ condition: { attr: 'bookingId', exists: true } }),
    SlotCounterEntity.build(UpdateTransaction).item({ slotStart, count: $add(-1) }),
  ] as const;
}

/** Gives a place back; a hold that is already gone (reclaimed, given back) needs nothing. */
export async function givePlaceBack(slotStart: string, bookingId: string): Promise<void> {
  try {
    await executeTransactWrite(...givePlaceBackTransactions(slotStart, bookingId));
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
  }
}

/**
 * A paid booking whose hold was reclaimed still gets its place. Reclaiming cancels the
 * PaymentIntent first (`services/hold-reclaim.ts`), so this only happens if Stripe took a
 * payment on an intent it had said was cancelled; the call then waits for a line in the queue.
 */
export function forcePlaceTransactions(slotStart: string, bookingId: string) {
  return [
    SlotCounterEntity.build(UpdateTransaction).item({ slotStart, count: $add(1) }),
    SlotHoldEntity.build(PutTransaction).item({
      slotStart,
      bookingId,
      confirmed: true,
      holdExpiresAt: new Date().toISOString(),
    }),
  ] as const;
}

export function confirmPlaceTransaction(slotStart: string, bookingId: string) {
  return SlotHoldEntity.build(UpdateTransaction)
    .item({ slotStart, bookingId, confirmed: true })
    .options({ condition: { attr: 'bookingId', exists: true } });
}

/** The unpaid holds at `instant` whose expiry has passed (booking ids). */
export async function expiredHolds(slotStart: string, now: Date): Promise<string[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(SlotHoldEntity)
    .query({ partition: `SLOT#${slotStart}`, range: { beginsWith: 'HOLD#' } })
    .options({ maxPages: Number.POSITIVE_INFINITY })
    .send();
  return Items.filter((hold) => !hold.confirmed && hold.holdExpiresAt <= now.toISOString()).map(
    (hold) => hold.bookingId,
  );
}

/**
 * Frees one expired unpaid hold's place, only if it is still unpaid and expired (a payment
 * confirmed meanwhile keeps it). Idempotent: a hold already freed answers false.
 */
export async function reclaimHold(
  slotStart: string,
  bookingId: string,
  now: Date,
): Promise<boolean> {
  try {
    await executeTransactWrite(
      SlotHoldEntity.build(DeleteTransaction)
        .key({ slotStart, bookingId })
        .options({
          condition: {
            and: [
              { attr: 'confirmed', eq: false },
              { attr: 'holdExpiresAt', lte: now.toISOString() },
            ],
          },
        }),
      SlotCounterEntity.build(UpdateTransaction).item({ slotStart, count: $add(-1) }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') return false;
    throw error;
  }
}

/**
 * Places taken at each instant (0 where nobody has booked): one Query per UTC date the
 * instants span (a local day spans at most two), never one read per instant.
 */
export async function placesTaken(slotStarts: readonly string[]): Promise<Map<string, number>> {
  const days = [...new Set(slotStarts.map((slotStart) => slotStart.slice(0, 10)))];
  const taken = new Map(slotStarts.map((slotStart) => [slotStart, 0]));
  await Promise.all(
    days.map(async (day) => {
      const { Items = [] } = await table
        .build(QueryCommand)
        .entities(SlotCounterEntity)
        .query({ partition: slotCounterPartition(day), range: { beginsWith: 'SLOT#' } })
        .options({ maxPages: Number.POSITIVE_INFINITY })
        .send();
      for (const counter of Items) {
        if (taken.has(counter.slotStart)) taken.set(counter.slotStart, counter.count);
      }
    }),
  );
  return taken;
}
