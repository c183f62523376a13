import * as z from 'zod';
import { childNamesPhrase, maxChildrenPerCall } from '../core/children.ts';
import { firstName } from '../core/format.ts';
import { defaultLanguage, languageCodes } from '../core/languages.ts';
import { defaultLocale, usableLocale } from '../core/locale.ts';

/**
 * The props every booking email shares: who the call is for, the language its words are in and
 * the locale its dates and amounts are written in. One definition, so every template reads a
 * booking the same way.
 */

/** The children's names as booked, one to four, in the parent's order; said whole (`firstName`). */
export const childNamesField = z
  .array(z.string().trim().min(1))
  .min(1)
  .max(maxChildrenPerCall)
  .transform((names) => names.map(firstName));

/** The booking's language (`languageOf(booking.language)`); English for an older booking. */
export const languageField = z.enum(languageCodes).default(defaultLanguage);

/**
 * The BCP 47 locale dates and amounts are written in: `emailLocale(booking)`
 * (core/locale.ts), of the email's language. en-US when not given.
 */
export const localeField = z.string().min(2).max(100).default(defaultLocale);

/** "Emma", "Emma and Leo", "Emma y Leo", "Emma, Leo et Mia": the names as one phrase. */
export function namesPhrase(props: {
  readonly childNames: readonly string[];
  readonly locale: string;
}): string {
  return childNamesPhrase(
    props.childNames.map((name) => ({ name })),
    usableLocale(props.locale),
  );
}
