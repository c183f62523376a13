import { QueryCommand } from 'dynamodb-toolbox';
import type { CallStatus } from '../core/booking-status.ts';
import { BookingEntity } from './entities.ts';
import { table } from './table.ts';
import { tableDefinition } from './table-definition.ts';

const byCallStatus = tableDefinition.globalSecondaryIndexes.find(
  (index) => index.indexName === 'byCallStatus',
);
/** What the index holds of a booking: its keys and what it projects (see table-definition.ts). */
const indexed = [
  'callStatus',
  'scheduledAt',
  ...(byCallStatus?.projection ?? []).filter((name) => name !== 'entity'),
] as const;

/**
 * Bookings in one call status whose call time is at or after `fromIso`, oldest call first, from
 * the `byCallStatus` index — only the attributes it projects (what the reconciler's first look
 * needs, never a child's details). Eventually consistent: re-read a booking before acting.
 */
export async function bookingsInCallStatus(status: CallStatus, fromIso: string) {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BookingEntity)
    .query({ index: 'byCallStatus', partition: status, range: { gte: fromIso } })
    .options({
      maxPages: Number.POSITIVE_INFINITY,
      attributes: [...indexed],
    })
    .send();
  return Items;
}
