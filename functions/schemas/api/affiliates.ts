import * as z from 'zod';

/** The answer of `GET /api/affiliates/{slug}`: what a creator's landing page shows (no email). */
export const affiliatePageSchema = z.object({
  slug: z.string(),
  name: z.string(),
  active: z.literal(true),
});
export type AffiliatePage = z.infer<typeof affiliatePageSchema>;

/**
 * The answer of `GET /api/affiliates/check-slug?slug=`: free, or why not — `invalid` or
 * `reserved` by the slug rules, `taken` by another creator — with a message for the creator.
 */
export const slugCheckSchema = z.discriminatedUnion('available', [
  z.object({ slug: z.string(), available: z.literal(true) }),
  z.object({
    slug: z.string(),
    available: z.literal(false),
    reason: z.enum(['invalid', 'reserved', 'taken']),
    message: z.string(),
  }),
]);
export type SlugCheck = z.infer<typeof slugCheckSchema>;

/** The answer of `POST /api/affiliates` (201): the creator's page, live at once. */
export const createdAffiliateSchema = z.object({
  slug: z.string(),
  /** The page's path on the site, e.g. `/jolly-jen`. */
  landingPath: z.string(),
  /** The share of paid revenue owed to the creator, in percent. */
  payoutPercent: z.number(),
});
export type CreatedAffiliate = z.infer<typeof createdAffiliateSchema>;

const reportCounts = {
  /** Bookings made through the link in the window, paid or not. */
  bookings: z.number().int(),
  paidBookings: z.number().int(),
  /** Money in minor units. */
  revenueCents: z.number().int(),
  payoutDueCents: z.number().int(),
};

/** One affiliate's line of the report. */
export const affiliateReportLineSchema = z.object({
  slug: z.string(),
  name: z.string(),
  payoutPercent: z.number(),
  ...reportCounts,
});

/**
 * The answer of `GET /api/admin/affiliates/report?from=&to=[&slug=]`: per affiliate (in slug
 * order) and in total, over bookings created in the UTC days `from`..`to`.
 */
export const affiliateReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  affiliates: z.array(affiliateReportLineSchema),
  totals: z.object(reportCounts),
});
export type AffiliateReport = z.infer<typeof affiliateReportSchema>;
