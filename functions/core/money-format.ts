/**
 * Money for people: one formatter for the site and the emails. Amounts are always in the
 * currency's minor unit *as Stripe counts it*, so the number we charge and the number we show can
 * never disagree.
 *
 * Source of the minor-unit rules: Stripe, "Supported currencies"
 * (https://docs.stripe.com/currencies#zero-decimal and #special-cases):
 * - zero-decimal currencies (amount = whole units): BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX
 *   VND VUV XAF XOF XPF. UGX's special case concerns payouts only; charges stay zero-decimal.
 * - three-decimal currencies (BHD JOD KWD OMR TND): amounts in thousandths, last digit 0.
 * - special cases: ISK "transitioned to a zero-decimal currency, but backwards compatibility
 *   requires" a two-decimal amount whose decimals are always 00 (500 = 5 ISK); HUF and TWD are
 *   zero-decimal for payouts but charged as two-decimal amounts. All three are therefore divided
 *   by 100, while ICU (Node 20) gives HUF and ISK no fraction digits — trusting Intl's digits
 *   would show 150000 (HUF 1,500.00 to Stripe) as "HUF 150,000".
 * - every other currency: two decimals.
 */

import { usableLocale } from './locale.ts';

const zeroDecimal = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

const threeDecimal = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Two-decimal in Stripe's API but whole units in practice: shown without ".00". */
const wholeInPractice = new Set(['isk', 'huf', 'twd']);

/** Stripe's exponent for `currency` (any case): 0, 2 or 3 — minor units per major = 10^digits. */
export function stripeMinorUnitDigits(currency: string): 0 | 2 | 3 {
  const code = currency.toLowerCase();
  if (zeroDecimal.has(code)) return 0;
  if (threeDecimal.has(code)) return 3;
  return 2;
}

/** Whole units (e.g. a gift budget of 50 pounds) → Stripe minor units (5000). */
export function toMinorUnits(amountMajor: number, currency: string): number {
  return Math.round(amountMajor * 10 ** stripeMinorUnitDigits(currency));
}

/** Stripe minor units → whole units as a number (1500 jpy → 1500; 999 gbp → 9.99). */
export function toMajorUnits(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** stripeMinorUnitDigits(currency);
}

// Some ICU versions put narrow or non-breaking spaces around symbols and before "PM"; plain
// spaces read the same in every mail client and keep strings equal between Node and browsers.
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * "¥1,500" from (1500, 'jpy', 'en-US'); "£9.99" from (999, 'gbp', 'en-GB'); "9,99 €" from
 * (999, 'eur', 'de-DE'); "1500 Ft" from (150000, 'huf', 'hu-HU'). `amountMinor` is an integer in
 * Stripe's minor unit (see the module note); `currency` an ISO 4217 code in any case; `locale` a
 * BCP 47 tag (an unusable one falls back to en-US). Throws RangeError for a currency code Intl
 * cannot format (not three letters).
 */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const digits = stripeMinorUnitDigits(currency);
  const major = amountMinor / 10 ** digits;
  const natural = new Intl.NumberFormat(usableLocale(locale), {
    style: 'currency',
    currency: code,
  });
  let fraction = natural.resolvedOptions().maximumFractionDigits ?? digits;
  if (wholeInPractice.has(currency.toLowerCase())) fraction = Number.isInteger(major) ? 0 : 2;
  // Never hide minor units that are there (Intl's table can have fewer digits than Stripe's).
  if (!Number.isInteger(major * 10 ** fraction)) fraction = digits;
  const formatter = new Intl.NumberFormat(usableLocale(locale), {
    style: 'currency',
    currency: code,
    minimumFractionDigits: fraction,
    maximumFractionDigits: fraction,
  });
  return plainSpaces(formatter.format(major));
}

/**
 * A whole amount in major units, no fraction: "£1,000" for (1000, 'gbp', 'en-GB', 'symbol'),
 * "50 British pounds" for (50, 'gbp', 'en-US', 'name') — for gift budgets, which are whole units
 * of the booking's currency, and for what Santa is told. Throws RangeError on a bad code.
 */
export function formatWholeMoney(
  amountMajor: number,
  currency: string,
  locale: string,
  display: 'symbol' | 'name' = 'symbol',
): string {
  const formatter = new Intl.NumberFormat(usableLocale(locale), {
    style: 'currency',
    currency: currency.toUpperCase(),
    currencyDisplay: display,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
  return plainSpaces(formatter.format(amountMajor));
}

/** "£" for ('gbp', 'en-GB'), "US$" for ('usd', 'en-GB'), "￥" for ('jpy', 'ja-JP'): for labels. */
export function currencySymbol(currency: string, locale: string): string {
  const parts = new Intl.NumberFormat(usableLocale(locale), {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency.toUpperCase();
}

/** "British Pound (£)" for ('gbp', 'en-US'): a currency as a choice in a list. */
export function currencyLabel(currency: string, locale: string): string {
  const code = currency.toUpperCase();
  let name = code;
  try {
    name = new Intl.DisplayNames([usableLocale(locale)], { type: 'currency' }).of(code) ?? code;
  } catch {
    // An old browser without DisplayNames: the code says it.
  }
  const symbol = currencySymbol(currency, locale);
  return symbol === code || name === symbol ? name : `${name} (${symbol})`;
}
