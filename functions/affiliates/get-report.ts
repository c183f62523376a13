import {
  type AffiliateReportLine,
  affiliateReportLine,
  affiliateReportTotals,
  type ReportAffiliate,
  reportWindow,
} from '../core/affiliate-report.ts';
import { NotFoundError } from '../core/errors.ts';
import { affiliateBookingsCreatedIn } from '../data/affiliate-report.ts';
import { findAffiliate, listAffiliates } from '../data/affiliates.ts';
import { affiliateReportQuery } from '../schemas/affiliate-request.ts';
import type { AffiliateReport } from '../schemas/api/affiliates.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { parseQuery } from '../shared/request.ts';

/** How many affiliates' bookings are queried at once: quick, without a burst of reads. */
const concurrentQueries = 5;

/**
 * GET /api/admin/affiliates/report?from=YYYY-MM-DD&to=YYYY-MM-DD[&slug=]: bookings, paid
 * bookings, revenue and payout due per affiliate over bookings created in those UTC days.
 * Inactive affiliates are included: they may still be owed for the period.
 */
export const handler = httpHandler(async (event) => {
  const { from, to, slug } = parseQuery(event, affiliateReportQuery);
  const affiliates = slug ? [await requireAffiliate(slug)] : await listAffiliates();
  const window = reportWindow(from, to);
  // In slug order: the affiliates' partition is sorted by slug.
  const lines: AffiliateReportLine[] = [];
  for (let start = 0; start < affiliates.length; start += concurrentQueries) {
    const batch = affiliates.slice(start, start + concurrentQueries);
    lines.push(
      ...(await Promise.all(
        batch.map(async (affiliate: ReportAffiliate) =>
          affiliateReportLine(affiliate, await affiliateBookingsCreatedIn(affiliate.slug, window)),
        ),
      )),
    );
  }
  return jsonResponse(200, {
    from,
    to,
    affiliates: lines,
    totals: affiliateReportTotals(lines),
  } satisfies AffiliateReport);
});

async function requireAffiliate(slug: string): Promise<ReportAffiliate> {
  const affiliate = await findAffiliate(slug);
  if (!affiliate) throw new NotFoundError('There is no affiliate with that slug.');
  return affiliate;
}
