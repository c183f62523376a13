import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/core/errors.ts';
import {
  defaultPriceList,
  priceListFromItem,
  pricingForBooking,
  pricingIn,
} from '../../functions/core/pricing.ts';

const usd = { currency: 'usd', baseCents: 999, recordingCents: 299 };
const gbp = { currency: 'gbp', baseCents: 899, recordingCents: 249 };
const jpy = { currency: 'jpy', baseCents: 1500, recordingCents: 450 };

describe('the stored price list, in either shape', () => {
  it('reads an item written before several currencies (one currency, no prices)', () => {
    const list = priceListFromItem({ baseCents: 1500, recordingCents: 450, currency: 'jpy' });

    expect(list).toEqual({ ...jpy, prices: [jpy] });
  });

  it('reads several currencies, the top-level one the default and first', () => {
    const list = priceListFromItem({ ...gbp, prices: [usd, gbp, jpy] });

    expect(list.currency).toBe('gbp');
    expect(list.prices.map((price) => price.currency)).toEqual(['gbp', 'usd', 'jpy']);
    expect(list.baseCents).toBe(899);
  });

  it('refuses an item that is neither shape', () => {
    expect(() =>
      priceListFromItem({ baseCents: 'x', recordingCents: 1, currency: 'usd' }),
    ).toThrow();
    expect(() => priceListFromItem({ ...usd, prices: [{ currency: 'GBP' }] })).toThrow();
  });
});

describe('the currency a booking is priced in', () => {
  const list = priceListFromItem({ ...usd, prices: [gbp, jpy] });

  it.each([
    [undefined, 'usd', 999],
    ['gbp', 'gbp', 899],
    ['JPY', 'jpy', 1500],
  ])('asked for %s, prices in %s at %i', (asked, currency, baseCents) => {
    const pricing = pricingForBooking(list, asked);

    expect(pricing).toEqual(expect.objectContaining({ currency, baseCents }));
  });

  it('refuses a currency the list does not offer, naming those it does', () => {
    const refuse = () => pricingForBooking(list, 'eur');

    expect(refuse).toThrow(ValidationError);
    expect(refuse).toThrow('We do not take payments in EUR.');
    try {
      refuse();
    } catch (error) {
      expect((error as ValidationError).fields).toEqual({
        currency: 'Pay in one of the currencies we price calls in: USD, GBP, JPY.',
      });
    }
  });

  it('the default list is US dollars only', () => {
    expect(pricingIn(defaultPriceList, 'usd')).toEqual(usd);
    expect(pricingIn(defaultPriceList, 'gbp')).toBeUndefined();
  });
});
