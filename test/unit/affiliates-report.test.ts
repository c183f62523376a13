import { describe, expect, it } from 'vitest';
import { defaultPayoutPercent, payoutDueCents } from '../../functions/core/affiliate-payout.ts';
import {
  affiliateReportLine,
  affiliateReportTotals,
  type ReportBooking,
  reportRangeProblem,
  reportWindow,
} from '../../functions/core/affiliate-report.ts';
import { affiliateReportQuery } from '../../functions/schemas/affiliate-request.ts';
import { fieldErrors } from '../../functions/schemas/booking-request.ts';

const jen = { slug: 'jolly-jen', name: 'Jolly Jen', payoutPercent: 20 };
const paid = (totalCents: number): ReportBooking => ({ paymentStatus: 'paid', totalCents });
const pending = (totalCents: number): ReportBooking => ({ paymentStatus: 'pending', totalCents });
const refunded = (totalCents: number): ReportBooking => ({
  paymentStatus: 'refunded',
  totalCents,
});

describe('payoutDueCents', () => {
  it('pays 20% by default', () => {
    expect(defaultPayoutPercent).toBe(20);
    expect(payoutDueCents(10_000, defaultPayoutPercent)).toBe(2000);
  });

  it.each([
    // 20% of 999 is 199.8: the fraction of a cent is not paid.
    [999, 20, 199],
    [1298, 20, 259],
    [1, 20, 0],
    [0, 20, 0],
    // Fractional percentages stay exact: 12.5% of 999 is 124.875.
    [999, 12.5, 124],
    // 0.29 is not exact in binary (100 × 0.29 = 28.999…): 29% of 100 cents is still 29.
    [100, 29, 29],
    [2997, 33.3, 998],
  ])('owes %i cents at %d%% as %i cents', (revenue, percent, due) => {
    expect(payoutDueCents(revenue, percent)).toBe(due);
  });
});

describe('affiliateReportLine', () => {
  it('counts every booking but earns only on those still paid', () => {
    // Arrange
    const bookings = [paid(999), paid(1298), pending(999), refunded(1298)];

    // Act
    const line = affiliateReportLine(jen, bookings);

    // Assert
    expect(line).toEqual({
      slug: 'jolly-jen',
      name: 'Jolly Jen',
      bookings: 4,
      paidBookings: 2,
      revenueCents: 2297,
      payoutPercent: 20,
      // 20% of 2297 = 459.4, rounded down on the total rather than per booking.
      payoutDueCents: 459,
    });
  });

  it('reports an affiliate without bookings as all zeros', () => {
    expect(affiliateReportLine(jen, [])).toMatchObject({
      bookings: 0,
      paidBookings: 0,
      revenueCents: 0,
      payoutDueCents: 0,
    });
  });

  it("uses the affiliate's own payout percentage", () => {
    const line = affiliateReportLine({ ...jen, payoutPercent: 30 }, [paid(1000)]);

    expect(line).toMatchObject({ payoutPercent: 30, payoutDueCents: 300 });
  });
});

describe('affiliateReportTotals', () => {
  it('sums the lines, with the payout as the sum of what each is owed', () => {
    // Arrange: 199.8 + 199.8 would round to 399 on the sum; each line is owed 199.
    const lines = [
      affiliateReportLine(jen, [paid(999), pending(999)]),
      affiliateReportLine({ ...jen, slug: 'mr-snow', name: 'Mr Snow' }, [paid(999)]),
    ];

    // Act
    const totals = affiliateReportTotals(lines);

    // Assert
    expect(totals).toEqual({
      bookings: 3,
      paidBookings: 2,
      revenueCents: 1998,
      payoutDueCents: 398,
    });
  });

  it('is all zeros with no affiliates', () => {
    expect(affiliateReportTotals([])).toEqual({
      bookings: 0,
      paidBookings: 0,
      revenueCents: 0,
      payoutDueCents: 0,
    });
  });
});

describe('the report window', () => {
  it('spans whole UTC days, both ends included, comparable with toISOString()', () => {
    const window = reportWindow('2026-12-01', '2026-12-24');

    expect(window).toEqual({
      fromInstant: '2026-12-01T00:00:00.000Z',
      toInstant: '2026-12-24T23:59:59.999Z',
    });
    expect(new Date('2026-12-24T23:59:59.999Z').toISOString() <= window.toInstant).toBe(true);
    expect(new Date('2026-12-25T00:00:00.000Z').toISOString() > window.toInstant).toBe(true);
    expect(new Date('2026-11-30T23:59:59.999Z').toISOString() < window.fromInstant).toBe(true);
  });

  it.each([
    ['2026-12-24', '2026-12-24'],
    ['2024-01-01', '2024-12-31'], // 366 days in a leap year
    ['2025-01-01', '2026-01-01'], // 366 days across a year end
  ])('accepts %s to %s', (from, to) => {
    expect(reportRangeProblem(from, to)).toBeUndefined();
  });

  it('refuses an end before the start', () => {
    expect(reportRangeProblem('2026-12-24', '2026-12-23')).toMatch(/before/);
  });

  it('refuses more than 366 days', () => {
    expect(reportRangeProblem('2025-01-01', '2026-01-02')).toMatch(/366/);
  });
});

describe('affiliateReportQuery', () => {
  it('accepts a range with or without a slug', () => {
    expect(affiliateReportQuery.parse({ from: '2026-12-01', to: '2026-12-31' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(
      affiliateReportQuery.parse({ from: '2026-12-01', to: '2026-12-31', slug: 'jolly-jen' }),
    ).toMatchObject({ slug: 'jolly-jen' });
  });

  it.each([
    [{ to: '2026-12-31' }, 'from'],
    [{ from: '2026-12-01' }, 'to'],
    [{ from: '2026-12-1', to: '2026-12-31' }, 'from'],
    [{ from: '2026-02-30', to: '2026-12-31' }, 'from'],
    [{ from: '2026-12-01T00:00:00Z', to: '2026-12-31' }, 'from'],
    [{ from: '2026-12-31', to: '2026-12-01' }, 'to'],
    [{ from: '2025-01-01', to: '2026-06-01' }, 'to'],
    [{ from: '2026-12-01', to: '2026-12-31', slug: 'Not A Slug' }, 'slug'],
  ])('refuses %o with an error on %s', (query, field) => {
    const parsed = affiliateReportQuery.safeParse(query);

    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(Object.keys(fieldErrors(parsed.error))).toEqual([field]);
  });
});
