import { useEffect } from 'react';
import { isLanguageCode, type LanguageCode } from '../../../functions/core/languages.ts';
import { chosenLanguage, i18next, siteLanguage } from './i18n.ts';

/**
 * The language a booking's pages (status, manage, recording) are shown in:
 *
 * 1. the language the visitor chose with the picker (`chosenLanguage()`), if they ever did;
 * 2. else the booking's own language (`language` of GET /api/calls/{id}, the one the parent
 *    booked in, that Santa spoke and the emails are written in): a parent who booked in Spanish
 *    and opens the emailed link on an English work laptop reads Spanish, as the email did;
 * 3. else the browser's (the site's detected language), for an answer that has no `language`.
 *
 * Returns the language to switch to, or undefined when the site's language is already right.
 */
export function bookingLanguageSwitch(
  bookingLanguage: unknown,
  chosen: LanguageCode | undefined,
  current: LanguageCode,
): LanguageCode | undefined {
  if (chosen) return undefined;
  if (typeof bookingLanguage !== 'string' || !isLanguageCode(bookingLanguage)) return undefined;
  return bookingLanguage === current ? undefined : bookingLanguage;
}

/**
 * Shows the page in the booking's language when the visitor never chose one (see
 * `bookingLanguageSwitch`). The switch is for this visit only: nothing is stored, so the
 * visitor's next booking or the landing page in a new tab follow their browser again.
 */
export function useBookingLanguage(booking: object | undefined): void {
  const language = booking && 'language' in booking ? booking.language : undefined;
  useEffect(() => {
    const target = bookingLanguageSwitch(language, chosenLanguage(), siteLanguage());
    if (target) void i18next.changeLanguage(target);
  }, [language]);
}
