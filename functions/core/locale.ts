import { formattingLocale, languageOf } from './languages.ts';

/**
 * The parent's locale (BCP 47), recorded on the booking so every email speaks as the site did.
 */

/** The locale we use when a booking (made before locales were recorded) or client names none. */
export const defaultLocale = 'en-US';

/**
 * The canonical form of a BCP 47 tag ("en-gb" → "en-GB"), or undefined when it is not one.
 * Canonicalised with Intl.getCanonicalLocales, which throws RangeError on a malformed tag.
 */
export function canonicalLocale(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical;
  } catch {
    return undefined;
  }
}

/** `locale` when Intl accepts it, else en-US: a bad stored value must never break an email. */
export function usableLocale(locale: string | undefined): string {
  return (locale && canonicalLocale(locale)) || defaultLocale;
}

/** The locale a booking's emails are written in: the recorded one, en-US for older bookings. */
export function bookingLocale(booking: { readonly locale?: string | undefined }): string {
  return usableLocale(booking.locale);
}

/**
 * The locale a booking's dates and amounts are written in, matching the language of its words
 * (`formattingLocale`, core/languages.ts): the recorded locale when it is of the booking's
 * language (es-MX for a Spanish booking made in Mexico), else the bare language ("fr" for a
 * French booking made on an en-US browser); en-US for an older booking (no language, no
 * locale), as before languages were recorded.
 */
export function bookingFormattingLocale(booking: {
  readonly language?: string | undefined;
  readonly locale?: string | undefined;
}): string {
  return formattingLocale(languageOf(booking.language).code, bookingLocale(booking));
}
