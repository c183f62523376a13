/**
 * Which currency to show a visitor: the one of their region (from their browser's language tag,
 * e.g. en-GB → gbp) when the price list offers it, else the list's default.
 */

/**
 * A region's everyday currency, for the regions we expect parents from (ISO 3166-1 alpha-2 →
 * ISO 4217 lower case; source: ISO 4217 country list). A region not here gets the default.
 */
export const regionCurrencies: Readonly<Record<string, string>> = {
  US: 'usd',
  PR: 'usd',
  GB: 'gbp',
  IE: 'eur',
  DE: 'eur',
  FR: 'eur',
  ES: 'eur',
  IT: 'eur',
  NL: 'eur',
  BE: 'eur',
  AT: 'eur',
  PT: 'eur',
  FI: 'eur',
  GR: 'eur',
  LU: 'eur',
  SK: 'eur',
  SI: 'eur',
  EE: 'eur',
  LV: 'eur',
  LT: 'eur',
  MT: 'eur',
  CY: 'eur',
  HR: 'eur',
  JP: 'jpy',
  CA: 'cad',
  AU: 'aud',
  NZ: 'nzd',
  CH: 'chf',
  SE: 'sek',
  NO: 'nok',
  DK: 'dkk',
  PL: 'pln',
  CZ: 'czk',
  HU: 'huf',
  IS: 'isk',
  KR: 'krw',
  TW: 'twd',
  IN: 'inr',
  MX: 'mxn',
  BR: 'brl',
  ZA: 'zar',
  SG: 'sgd',
  HK: 'hkd',
};

/** The region of a BCP 47 tag, inferred when absent ("ja" → JP); undefined when unknowable. */
export function regionOfLocale(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/**
 * The currency to preselect for a visitor with `locale` among the `offered` currencies (lower
 * case), or `fallback` (the price list's default) when their region's currency is not offered.
 */
export function preferredCurrency(
  locale: string,
  offered: readonly string[],
  fallback: string,
): string {
  const region = regionOfLocale(locale);
  const currency = region ? regionCurrencies[region] : undefined;
  return currency && offered.includes(currency) ? currency : fallback;
}
