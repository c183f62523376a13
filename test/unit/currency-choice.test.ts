import { describe, expect, it } from 'vitest';
import { preferredCurrency, regionCurrencies } from '../../functions/core/currency-choice.ts';
import {
  giftBudgetMax,
  giftBudgetMaxima,
  giftBudgetProblem,
} from '../../functions/core/gift-budget.ts';

const offered = ['usd', 'gbp', 'eur', 'jpy'];

describe("the visitor's currency, from their browser's language tag", () => {
  it.each([
    ['en-US', 'usd'],
    ['en-GB', 'gbp'],
    ['de-DE', 'eur'],
    ['fr-FR', 'eur'],
    ['en-IE', 'eur'],
    ['ja-JP', 'jpy'],
    // No region: the likeliest one ("ja" is Japan, "en" the US).
    ['ja', 'jpy'],
    ['en', 'usd'],
    // A region whose currency the list does not offer gets the default.
    ['en-CA', 'usd'],
    ['hu-HU', 'usd'],
    ['not a tag', 'usd'],
  ])('%s sees %s', (locale, currency) => {
    expect(preferredCurrency(locale, offered, 'usd')).toBe(currency);
  });

  it('falls back to the list default, whatever it is', () => {
    expect(preferredCurrency('en-US', ['jpy'], 'jpy')).toBe('jpy');
  });
});

describe('the gift budget limit, per currency', () => {
  it.each([
    [1000, 'usd', 'en-US', undefined],
    [1001, 'usd', 'en-US', 'The gift budget is between $0 and $1,000.'],
    [1001, 'gbp', 'en-GB', 'The gift budget is between £0 and £1,000.'],
    // 1000 yen is a small toy, not a budget: the yen limit is in the yen's own scale.
    [5000, 'jpy', 'ja-JP', undefined],
    [150_000, 'jpy', 'en-US', undefined],
    [150_001, 'jpy', 'en-US', 'The gift budget is between ¥0 and ¥150,000.'],
    [1001, 'eur', 'de-DE', 'The gift budget is between 0 € and 1.000 €.'],
    [-1, 'usd', 'en-US', 'The gift budget is between $0 and $1,000.'],
  ])('%i %s (%s): %s', (budget, currency, locale, problem) => {
    expect(giftBudgetProblem(budget, currency, locale)).toBe(problem);
  });

  it('has a limit for every currency a region can select', () => {
    for (const currency of new Set(Object.values(regionCurrencies))) {
      expect(giftBudgetMaxima[currency], currency).toBeGreaterThan(0);
    }
    expect(giftBudgetMax('JPY')).toBe(150_000);
  });
});
