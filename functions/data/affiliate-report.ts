import { QueryCommand } from 'dynamodb-toolbox';
import type { ReportBooking, ReportWindow } from '../core/affiliate-report.ts';
import { BookingEntity } from './entities.ts';
import { table } from './table.ts';

/**
 * The bookings an affiliate's link brought in the window: a Query on
 * `byAffiliate` (affiliateSlug + createdAt), following every page. Only the two attributes
 * the report counts are read back.
 */
export async function affiliateBookingsCreatedIn(
  slug: string,
  window: ReportWindow,
): Promise<ReportBooking[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BookingEntity)
    .query({
      index: 'byAffiliate',
      partition: slug,
      range: { between: [window.fromInstant, window.toInstant] },
    })
    .options({ maxPages: Number.POSITIVE_INFINITY, attributes: ['paymentStatus', 'totalCents'] })
    .send();
  return Items.map(({ paymentStatus, totalCents }) => ({ paymentStatus, totalCents }));
}
