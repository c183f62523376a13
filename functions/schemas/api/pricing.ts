import { type Pricing, pricingSchema } from '../../core/pricing.ts';

/**
 * The answer of `GET /api/pricing`: the active price list, in minor units of `currency`
 * (ISO 4217, lower case). The same schema the table's price list is read with.
 */
export const pricingAnswerSchema = pricingSchema;
export type { Pricing };
