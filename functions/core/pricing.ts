import * as z from 'zod';
import { ValidationError } from './errors.ts';

const currencyCode = z
  .string()
  .regex(/^[a-z]{3}$/)
  .meta({ description: 'ISO 4217 code, lower case (as Stripe takes it), e.g. usd, gbp, jpy.' });

/** One currency's prices, in Stripe minor units of `currency` (1500 jpy is ¥1,500). */
export const pricingSchema = z.object({
  baseCents: z.number().int().min(50),
  recordingCents: z.number().int().min(0),
  currency: currencyCode,
});
export type Pricing = z.infer<typeof pricingSchema>;

/**
 * The active price list: the default currency's prices at the top level (the answer's shape
 * before price lists had several currencies, kept for old clients), and every currency offered
 * in `prices`, the default first.
 */
export const priceListSchema = pricingSchema
  .extend({ prices: z.array(pricingSchema).min(1) })
  .refine((list) => list.prices[0]?.currency === list.currency, {
    error: 'The default currency comes first in prices.',
  })
  .refine((list) => new Set(list.prices.map((p) => p.currency)).size === list.prices.length, {
    error: 'Each currency is priced once.',
  });
export type PriceList = z.infer<typeof priceListSchema>;

export const defaultPricing: Pricing = { baseCents: 999, recordingCents: 299, currency: 'usd' };

/** The price list of `prices`, `defaultCurrency` first. Throws when it is not among them. */
export function priceListOf(defaultCurrency: string, prices: readonly Pricing[]): PriceList {
  const first = prices.find((price) => price.currency === defaultCurrency);
  if (!first) throw new Error(`The default currency ${defaultCurrency} has no prices.`);
  return priceListSchema.parse({
    ...first,
    prices: [first, ...prices.filter((price) => price !== first)],
  });
}

export const defaultPriceList: PriceList = priceListOf('usd', [defaultPricing]);

/**
 * The stored price list item, in either shape: one currency (`baseCents`, `recordingCents`,
 * `currency`, as written before several currencies) or that plus `prices`, every currency.
 * Throws a ZodError on an item that is neither.
 */
export function priceListFromItem(item: {
  readonly baseCents: unknown;
  readonly recordingCents: unknown;
  readonly currency: unknown;
  readonly prices?: unknown;
}): PriceList {
  const single = pricingSchema.parse({
    baseCents: item.baseCents,
    recordingCents: item.recordingCents,
    currency: item.currency,
  });
  const others = z.array(pricingSchema).optional().parse(item.prices) ?? [];
  return priceListOf(single.currency, [
    single,
    ...others.filter((price) => price.currency !== single.currency),
  ]);
}

/** The prices in `currency` (any case), or undefined when the list does not offer it. */
export function pricingIn(list: PriceList, currency: string): Pricing | undefined {
  const code = currency.toLowerCase();
  return list.prices.find((price) => price.currency === code);
}

/** What a booking costs, frozen on the booking so a later price change never alters it. */
export interface PriceSnapshot extends Pricing {
  readonly totalCents: number;
}

export function priceBooking(pricing: Pricing, purchaseRecording: boolean): PriceSnapshot {
  return {
    ...pricing,
    totalCents: pricing.baseCents + (purchaseRecording ? pricing.recordingCents : 0),
  };
}

/**
 * The prices a booking is made at: in the currency the request names (any case), or the
 * list's default when it names none (clients from before several currencies).
 *
 * @throws ValidationError on `currency` when the list does not offer it, naming those it does.
 */
export function pricingForBooking(list: PriceList, currency: string | undefined): Pricing {
  if (currency === undefined) return pricingIn(list, list.currency) ?? list;
  const pricing = pricingIn(list, currency);
  if (pricing) return pricing;
  const offered = list.prices.map((price) => price.currency.toUpperCase()).join(', ');
  throw new ValidationError(`We do not take payments in ${currency.toUpperCase()}.`, {
    currency: `Pay in one of the currencies we price calls in: ${offered}.`,
  });
}
