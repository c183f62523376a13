import { usableLocale } from '../../../functions/core/locale.ts';

/**
 * The visitor's locale (canonical BCP 47, from navigator.language): every page formats dates
 * and money in it with the shared formatters (functions/core/date-format.ts, money-format.ts),
 * and a booking records it so the emails read the same.
 */
export function siteLocale(): string {
  return usableLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}
