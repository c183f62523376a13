import { describe, expect, it } from 'vitest';
import {
  currencyLabel,
  currencySymbol,
  formatMoney,
  stripeMinorUnitDigits,
  toMinorUnits,
} from '../../functions/core/money-format.ts';

describe('formatMoney: Stripe minor units in the reader locale', () => {
  it.each([
    // [amount in Stripe minor units, currency, locale, expected]
    [999, 'usd', 'en-US', '$9.99'],
    [0, 'USD', 'en-US', '$0.00'],
    [999, 'usd', 'en-GB', 'US$9.99'],
    [999, 'gbp', 'en-GB', '£9.99'],
    [129900, 'gbp', 'en-GB', '£1,299.00'],
    [999, 'eur', 'de-DE', '9,99 €'],
    [129900, 'eur', 'de-DE', '1.299,00 €'],
    [999, 'eur', 'fr-FR', '9,99 €'],
    // Yen is zero-decimal: 1500 is ¥1,500, never ¥15 (the site's old defect).
    [1500, 'jpy', 'en-US', '¥1,500'],
    [1500, 'jpy', 'ja-JP', '￥1,500'],
    [1500, 'krw', 'en-US', '₩1,500'],
    [1500, 'ugx', 'en-US', 'UGX 1,500'],
    // Three-decimal: Stripe and Intl both count thousandths.
    [5120, 'kwd', 'en-US', 'KWD 5.120'],
    // Special cases: two-decimal in Stripe's API although whole in practice (and in ICU for HUF/ISK).
    [150000, 'huf', 'hu-HU', '1500 Ft'],
    [150000, 'huf', 'en-US', 'HUF 1,500'],
    [150050, 'huf', 'en-US', 'HUF 1,500.50'],
    [150000, 'twd', 'en-US', 'NT$1,500'],
    [150000, 'isk', 'en-US', 'ISK 1,500'],
    // An unusable locale falls back to en-US rather than breaking an email.
    [999, 'usd', 'not a locale', '$9.99'],
  ])('%i %s in %s reads %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });
});

describe('stripeMinorUnitDigits', () => {
  it.each([
    ['usd', 2],
    ['jpy', 0],
    ['JPY', 0],
    ['vnd', 0],
    ['xpf', 0],
    ['ugx', 0],
    ['kwd', 3],
    ['isk', 2],
    ['huf', 2],
    ['twd', 2],
  ] as const)('%s has %i digits', (currency, digits) => {
    expect(stripeMinorUnitDigits(currency)).toBe(digits);
  });

  it.each([
    [50, 'usd', 5000],
    [5000, 'jpy', 5000],
    [20000, 'huf', 2000000],
  ])('%i whole %s is %i minor units', (major, currency, minor) => {
    expect(toMinorUnits(major, currency)).toBe(minor);
  });
});

describe('currencySymbol', () => {
  it.each([
    ['gbp', 'en-GB', '£'],
    ['usd', 'en-US', '$'],
    ['usd', 'en-GB', 'US$'],
    ['eur', 'de-DE', '€'],
    ['jpy', 'en-US', '¥'],
  ])('%s in %s is %s', (currency, locale, symbol) => {
    expect(currencySymbol(currency, locale)).toBe(symbol);
  });
});

describe('currencyLabel', () => {
  it.each([
    ['gbp', 'en-GB', 'British Pound (£)'],
    ['usd', 'en-US', 'US Dollar ($)'],
    ['jpy', 'en-US', 'Japanese Yen (¥)'],
    ['eur', 'de-DE', 'Euro (€)'],
  ])('%s in %s is %s', (currency, locale, label) => {
    expect(currencyLabel(currency, locale)).toBe(label);
  });
});
