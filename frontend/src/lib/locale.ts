import { formattingLocale } from '../../../functions/core/languages.ts';
import { usableLocale } from '../../../functions/core/locale.ts';
import { siteLanguage } from './i18n.ts';

/**
 * The locale every page formats dates and money in (canonical BCP 47) with the shared
 * formatters (functions/core/date-format.ts, money-format.ts), and a booking records so the
 * emails read the same: the browser's locale when it is of the site's language (es-MX), else
 * the language itself ("fr" for an en-US browser where the visitor chose French).
 */
export function siteLocale(): string {
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  return usableLocale(formattingLocale(siteLanguage(), usableLocale(browser)));
}
