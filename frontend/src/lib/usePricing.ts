import { useEffect, useState } from 'react';
import { preferredCurrency } from '../../../functions/core/currency-choice.ts';
import { api } from './api.ts';
import { siteLocale } from './locale.ts';
import type { Pricing } from './types.ts';

let cached: Promise<Pricing> | undefined;

/** GET /api/pricing, once per page load. */
export function loadPricing(): Promise<Pricing> {
  cached ??= api<Pricing>('/api/pricing');
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

export function usePricing(): { pricing?: Pricing; failed: boolean } {
  const [pricing, setPricing] = useState<Pricing>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadPricing().then(
      (value) => live && setPricing(value),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { pricing, failed };
}

/**
 * The currency to preselect for this visitor: their region's (navigator.language) when the
 * price list offers it, else the list's default.
 */
export function visitorCurrency(list: Pricing): string {
  return preferredCurrency(
    siteLocale(),
    list.prices.map((price) => price.currency),
    list.currency,
  );
}

/**
 * The list's prices in `currency`, or its default's when it does not offer that currency. (Not
 * core/pricing.ts's `pricingIn`: that module carries zod, which the landing page must not load.)
 */
export function pricesIn(
  list: Pricing,
  currency: string,
): Pick<Pricing, 'baseCents' | 'recordingCents' | 'currency'> {
  return list.prices.find((price) => price.currency === currency) ?? list;
}

/**
 * What each child after the first adds to the call in `currency` (minor units): the price
 * list's `extraChildCents` for that currency (issue #14). Undefined when the list does not say
 * (an API from before siblings): the wizard then shows no per-child price, and the amount the
 * server freezes on the booking is what the payment form charges either way.
 */
export function extraChildCentsIn(list: Pricing, currency: string): number | undefined {
  const price: { readonly currency: string; readonly extraChildCents?: unknown } | undefined =
    list.prices.find((offered) => offered.currency === currency) ?? list.prices[0];
  return typeof price?.extraChildCents === 'number' ? price.extraChildCents : undefined;
}
