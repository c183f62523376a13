import { QueryCommand } from 'dynamodb-toolbox';
import type { CallStatus } from '../core/booking-status.ts';
import { BookingEntity } from './entities.ts';
import { table } from './table.ts';

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
      attributes: [
        'bookingId',
        'callStatus',
        'scheduledAt',
        'paymentStatus',
        'createdAt',
        'updatedAt',
        'paidAt',
        'paymentIntentId',
        'executionName',
        'transcriptEmailSentAt',
        'notCompletedEmailSentAt',
        'dataErasedAt',
        'recoveryRuns',
        'supportNeededAt',
      ],
    })
    .send();
  return Items;
}
