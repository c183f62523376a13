import { type PriceList, priceListSchema } from '../../core/pricing.ts';

/**
 * The answer of `GET /api/pricing`: the active price list, in Stripe minor units of each
 * currency (ISO 4217, lower case). The top-level `baseCents`, `recordingCents` and `currency`
 * are the default currency's (the answer's whole shape before several currencies); `prices`
 * lists every currency offered, the default first.
 */
export const pricingAnswerSchema = priceListSchema;
export type { PriceList as Pricing };
