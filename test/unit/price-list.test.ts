import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/core/errors.ts';
import {
  defaultExtraChildCents,
  defaultPriceList,
  priceBooking,
  priceListFromItem,
  pricingForBooking,
  pricingIn,
} from '../../functions/core/pricing.ts';

const usd = { currency: 'usd', baseCents: 999, recordingCents: 299 };
const gbp = { currency: 'gbp', baseCents: 899, recordingCents: 249 };
const jpy = { currency: 'jpy', baseCents: 1500, recordingCents: 450 };
/** The prices as read: an item without `extraChildCents` gets half its base, rounded. */
const withDefaultExtra = <P extends { baseCents: number }>(price: P) => ({
  ...price,
  extraChildCents: Math.round(price.baseCents / 2),
});

describe('the stored price list, in either shape', () => {
  it('reads an item written before several currencies (one currency, no prices)', () => {
    const list = priceListFromItem({ baseCents: 1500, recordingCents: 450, currency: 'jpy' });

    expect(list).toEqual({ ...withDefaultExtra(jpy), prices: [withDefaultExtra(jpy)] });
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
    expect(pricingIn(defaultPriceList, 'usd')).toEqual(withDefaultExtra(usd));
    expect(pricingIn(defaultPriceList, 'gbp')).toBeUndefined();
  });
});

describe('the price of each child after the first', () => {
  it.each([
    [999, 500],
    [899, 450],
    [1500, 750],
    [50, 25],
    [51, 26],
  ])('defaults to half of a base of %i: %i', (baseCents, extra) => {
    expect(defaultExtraChildCents(baseCents)).toBe(extra);
  });

  it("reads each price's own extra child price, and the default where an item has none", () => {
    // Act
    const list = priceListFromItem({
      ...usd,
      extraChildCents: 400,
      prices: [{ ...gbp, extraChildCents: 0 }, jpy],
    });

    // Assert
    expect(list.extraChildCents).toBe(400);
    expect(list.prices.map((price) => price.extraChildCents)).toEqual([400, 0, 750]);
  });

  it('refuses a negative extra child price', () => {
    expect(() => priceListFromItem({ ...usd, extraChildCents: -1 })).toThrow();
  });

  const pricing = { ...usd, extraChildCents: 400 };
  it.each([
    [1, false, 0, 999],
    [2, false, 400, 1399],
    [4, false, 1200, 2199],
    [3, true, 800, 2098],
    [0, false, 0, 999],
  ])('%i children, recording %s: extra %i, total %i', (children, recording, extra, total) => {
    // Act
    const price = priceBooking(pricing, recording, children);

    // Assert
    expect(price.extraChildrenCents).toBe(extra);
    expect(price.totalCents).toBe(total);
  });

  it('prices a sibling at the default when the price has no extra child price', () => {
    expect(priceBooking(usd, false, 2)).toMatchObject({
      extraChildCents: 500,
      extraChildrenCents: 500,
      totalCents: 1499,
    });
  });
});
