import * as z from 'zod';
import { ValidationError } from './errors.ts';

const currencyCode = z
  .string()
  .regex(/^[a-z]{3}$/)
  .meta({ description: 'ISO 4217 code, lower case (as Stripe takes it), e.g. usd, gbp, jpy.' });

/**
 * One currency's prices, in Stripe minor units of `currency` (1500 jpy is ¥1,500): the call for
 * one child (`baseCents`), each further child on the same call (`extraChildCents`), and the
 * recording add-on (`recordingCents`).
 */
export const pricingSchema = z.object({
  baseCents: z.number().int().min(50),
  recordingCents: z.number().int().min(0),
  currency: currencyCode,
  extraChildCents: z.number().int().min(0).meta({
    description:
      'What each child after the first adds to the call, in minor units of `currency`. A price list item stored before siblings could share a call reads as half of `baseCents`, rounded to the minor unit.',
  }),
});
export type Pricing = z.infer<typeof pricingSchema>;

/** A price as stored: items written before siblings could share a call have no `extraChildCents`. */
const storedPricingSchema = pricingSchema.extend({
  extraChildCents: pricingSchema.shape.extraChildCents.optional(),
});
type StoredPricing = z.infer<typeof storedPricingSchema>;

/**
 * The price of each child after the first when the stored price list does not say: half the
 * call's base price, rounded half up to the currency's minor unit (999 → 500 cents, ¥1,500 →
 * ¥750). Half, because a sibling shares the one call, its line and its Santa minutes, but each
 * child gets their own turn; decided for issue #14 and shown on GET /api/pricing, so the site
 * and the charge always agree.
 */
export function defaultExtraChildCents(baseCents: number): number {
  return Math.round(baseCents / 2);
}

function withExtraChild(price: StoredPricing): Pricing {
  return {
    ...price,
    extraChildCents: price.extraChildCents ?? defaultExtraChildCents(price.baseCents),
  };
}

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

export const defaultPricing: Pricing = {
  baseCents: 999,
  recordingCents: 299,
  currency: 'usd',
  extraChildCents: defaultExtraChildCents(999),
};

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
 * A price without `extraChildCents` (written before siblings) gets `defaultExtraChildCents`.
 * Throws a ZodError on an item that is neither.
 */
export function priceListFromItem(item: {
  readonly baseCents: unknown;
  readonly recordingCents: unknown;
  readonly currency: unknown;
  readonly extraChildCents?: unknown;
  readonly prices?: unknown;
}): PriceList {
  const single = withExtraChild(
    storedPricingSchema.parse({
      baseCents: item.baseCents,
      recordingCents: item.recordingCents,
      currency: item.currency,
      extraChildCents: item.extraChildCents,
    }),
  );
  const others = (z.array(storedPricingSchema).optional().parse(item.prices) ?? []).map(
    withExtraChild,
  );
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

/**
 * What a booking costs, frozen on the booking so a later price change never alters it:
 * `extraChildrenCents` is what the children after the first added (0 for one child).
 */
export interface PriceSnapshot extends Pricing {
  readonly extraChildrenCents: number;
  readonly totalCents: number;
}

/**
 * The price of a call for `children` children (1–4, at least 1 counted), in minor units:
 * base + (children − 1) × extraChildCents + the recording when bought. A price without
 * `extraChildCents` (a page holding a price list from before siblings) uses
 * `defaultExtraChildCents`, as the server reads such an item.
 */
export function priceBooking(
  pricing: Omit<Pricing, 'extraChildCents'> & { readonly extraChildCents?: number | undefined },
  purchaseRecording: boolean,
  children = 1,
): PriceSnapshot {
  const extraChildCents = pricing.extraChildCents ?? defaultExtraChildCents(pricing.baseCents);
  const extraChildrenCents = Math.max(0, children - 1) * extraChildCents;
  return {
    ...pricing,
    extraChildCents,
    extraChildrenCents,
    totalCents:
      pricing.baseCents + extraChildrenCents + (purchaseRecording ? pricing.recordingCents : 0),
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
