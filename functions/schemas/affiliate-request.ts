import * as z from 'zod';
import { reportRangeProblem } from '../core/affiliate-report.ts';
import { slugProblem } from '../core/affiliate-slug.ts';
import { affiliateSlugPattern } from '../core/affiliate-slug-pattern.ts';

/** A slug a creator may claim: the shape and reserved-word rules of core/affiliate-slug. */
export const affiliateSlugSchema = z
  .string({ error: 'Choose the name of your page, e.g. jolly-jen.' })
  .trim()
  .superRefine((slug, context) => {
    const problem = slugProblem(slug);
    if (problem) context.addIssue({ code: 'custom', message: problem.message });
  });

/** The body of `POST /api/affiliates`. */
export const affiliateSignupSchema = z.strictObject({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, { error: 'Enter your name.' })
    .max(80, { error: 'Your name can be at most 80 characters.' })
    // It is shown on the landing page: no control characters that could garble it.
    .regex(/^[^\p{Cc}]*$/u, { error: 'Your name has characters we cannot show.' }),
  email: z
    .email({ error: 'Enter a valid email address.' })
    .max(254, { error: 'Enter a valid email address.' })
    .transform((value) => value.toLowerCase()),
  slug: affiliateSlugSchema,
});
export type AffiliateSignup = z.infer<typeof affiliateSignupSchema>;

/** `GET /api/affiliates/check-slug?slug=`: only presence is checked here, the rules answer 200. */
export const checkSlugQuery = z.object({
  slug: z.string({ error: 'Give the slug to check: ?slug=your-name.' }).trim(),
});

/** A slug in a path or filter: only its shape, so lookups of bad slugs simply find nothing. */
export const slugReference = z
  .string()
  .max(50, { error: 'That is not an affiliate slug.' })
  .regex(affiliateSlugPattern, { error: 'That is not an affiliate slug.' });

/** `GET /api/admin/affiliates/report?from=&to=[&slug=]`: UTC days, both included. */
export const affiliateReportQuery = z
  .object({
    from: z.iso.date({ error: 'Give the first day as YYYY-MM-DD.' }),
    to: z.iso.date({ error: 'Give the last day as YYYY-MM-DD.' }),
    slug: slugReference.optional(),
  })
  .superRefine(({ from, to }, context) => {
    const problem = reportRangeProblem(from, to);
    if (problem) context.addIssue({ code: 'custom', path: ['to'], message: problem });
  });
