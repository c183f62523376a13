import { payoutDueCents } from './affiliate-payout.ts';
import type { PaymentStatus } from './booking-status.ts';

/** The longest report: a leap year, so "all of last year" always fits. */
export const maxReportDays = 366;

const dayMs = 86_400_000;

/** The instants bounding the UTC days `from`..`to` (YYYY-MM-DD), both days included. */
export interface ReportWindow {
  readonly fromInstant: string;
  readonly toInstant: string;
}

/** Why `from`..`to` cannot be reported on, or undefined. Both are valid YYYY-MM-DD dates. */
export function reportRangeProblem(from: string, to: string): string | undefined {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs + 1;
  if (days < 1) return 'The end date comes before the start date.';
  if (days > maxReportDays) return `A report covers at most ${maxReportDays} days.`;
  return undefined;
}

/**
 * Bookings store `createdAt` as `Date#toISOString()` (always milliseconds, always `Z`), so the
 * window compares as strings on the index's sort key.
 */
export function reportWindow(from: string, to: string): ReportWindow {
  return { fromInstant: `${from}T00:00:00.000Z`, toInstant: `${to}T23:59:59.999Z` };
}

/** What the report needs of a booking. */
export interface ReportBooking {
  readonly paymentStatus: PaymentStatus;
  readonly totalCents: number;
}

export interface ReportAffiliate {
  readonly slug: string;
  readonly name: string;
  readonly payoutPercent: number;
}

export interface AffiliateReportLine {
  readonly slug: string;
  readonly name: string;
  /** Every booking made through the link in the window, paid or not. */
  readonly bookings: number;
  readonly paidBookings: number;
  readonly revenueCents: number;
  readonly payoutPercent: number;
  readonly payoutDueCents: number;
}

export interface AffiliateReportTotals {
  readonly bookings: number;
  readonly paidBookings: number;
  readonly revenueCents: number;
  readonly payoutDueCents: number;
}

/**
 * One affiliate's line. Only bookings still `paid` earn: a pending one never brought money and
 * a refunded one gave it back, but both were bookings the link brought.
 */
export function affiliateReportLine(
  affiliate: ReportAffiliate,
  bookings: readonly ReportBooking[],
): AffiliateReportLine {
  const paid = bookings.filter((booking) => booking.paymentStatus === 'paid');
  const revenueCents = paid.reduce((sum, booking) => sum + booking.totalCents, 0);
  return {
    slug: affiliate.slug,
    name: affiliate.name,
    bookings: bookings.length,
    paidBookings: paid.length,
    revenueCents,
    payoutPercent: affiliate.payoutPercent,
    payoutDueCents: payoutDueCents(revenueCents, affiliate.payoutPercent),
  };
}

/** The sums of the lines; the payout total is what is actually owed, each line rounded first. */
export function affiliateReportTotals(
  lines: readonly AffiliateReportLine[],
): AffiliateReportTotals {
  return lines.reduce<AffiliateReportTotals>(
    (totals, line) => ({
      bookings: totals.bookings + line.bookings,
      paidBookings: totals.paidBookings + line.paidBookings,
      revenueCents: totals.revenueCents + line.revenueCents,
      payoutDueCents: totals.payoutDueCents + line.payoutDueCents,
    }),
    { bookings: 0, paidBookings: 0, revenueCents: 0, payoutDueCents: 0 },
  );
}
