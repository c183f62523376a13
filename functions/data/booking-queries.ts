import { QueryCommand } from 'dynamodb-toolbox';
import type { CallStatus } from '../core/booking-status.ts';
import { BookingEntity } from './entities.ts';
import { table } from './table.ts';

/**
 * Bookings in one call status whose call time is at or after `fromIso`, oldest call first, from
 * the `byCallStatus` index (eventually consistent: re-read a booking before acting on it).
 */
export async function bookingsInCallStatus(status: CallStatus, fromIso: string) {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BookingEntity)
    .query({ index: 'byCallStatus', partition: status, range: { gte: fromIso } })
    .options({ maxPages: Number.POSITIVE_INFINITY })
    .send();
  return Items;
}
