import { PutTransaction, QueryCommand } from 'dynamodb-toolbox';
import { bookingContactKeys, contactChannels, phoneContactKey } from '../core/contact-key.ts';
import { BookingContactEntity } from './entities.ts';
import { table } from './table.ts';

/**
 * The booking's two contact items (`CONTACT#email`, `CONTACT#phone`), to write in the same
 * transaction as the booking. Idempotent: a repeated put writes the same item again.
 */
export function bookingContactTransactions(booking: {
  readonly bookingId: string;
  readonly parentEmail: string;
  readonly phoneNumber: string;
  readonly createdAt: string;
}) {
  const keys = bookingContactKeys(booking);
  return contactChannels.map((channel) =>
    BookingContactEntity.build(PutTransaction).item({
      bookingId: booking.bookingId,
      channel,
      contactKey: keys[channel],
      createdAt: booking.createdAt,
    }),
  );
}

/**
 * The ids of the bookings made with this contact key (`core/contact-key.ts`), newest first,
 * from the `byContact` index (eventually consistent: a booking made a moment ago may be missing).
 * Read as plain items: the index projects only `bookingId` and the keys, not the entity name
 * the toolbox's entity filter needs.
 */
export async function bookingIdsByContact(contactKey: string): Promise<string[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .query({ index: 'byContact', partition: contactKey })
    .options({ maxPages: Number.POSITIVE_INFINITY, reverse: true })
    .send();
  const ids = Items.map((item) => item.bookingId).filter(
    (id): id is string => typeof id === 'string',
  );
  return [...new Set(ids)];
}

/**
 * The booking's phone contact item for a corrected number, to write in the same transaction
 * as the correction: the put replaces the old item (same key `BOOKING#<id>` / `CONTACT#phone`),
 * so the `byContact` index finds the booking by the new number and no longer by the old one.
 * Idempotent: a repeated put writes the same item again.
 */
export function phoneContactTransaction(booking: {
  readonly bookingId: string;
  readonly phoneNumber: string;
  readonly createdAt: string;
}) {
  return BookingContactEntity.build(PutTransaction).item({
    bookingId: booking.bookingId,
    channel: 'phone',
    contactKey: phoneContactKey(booking.phoneNumber),
    createdAt: booking.createdAt,
  });
}
