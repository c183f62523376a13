import { defaultCallingHours } from '../../../functions/core/calling-hours-default.ts';

/**
 * Calling hours in words, for pages that state them (landing, FAQ, terms). Free of the stage
 * config (and its zod schema), so the landing page's first load stays small.
 */

/** The hours a page states before `config.json`'s `callRules` is read: the stage default. */
export const defaultCallingHoursFacts = {
  callingHoursStart: defaultCallingHours.start,
  callingHoursEnd: defaultCallingHours.end,
} as const;

/** The words calling hours are said with, in one language (common namespace `callingHours`). */
export interface CallingHoursWords {
  /** The language the clock times are written for (ISO 639-1). */
  readonly language: string;
  readonly anyHour: string;
  /** "between {{start}} and {{end}}" with the two times filled in. */
  readonly between: (start: string, end: string) => string;
  readonly noon: string;
  readonly midnight: string;
}

/** English, as a poster says it; pages pass their language's words from i18next. */
export const englishCallingHoursWords: CallingHoursWords = {
  language: 'en',
  anyHour: 'at any hour',
  between: (start, end) => `between ${start} and ${end}`,
  noon: 'noon',
  midnight: 'midnight',
};

/**
 * A clock time `HH:MM` (00:00–24:00) as on a poster: `8 am`, `9:30 pm`, `noon`, `midnight` in
 * English; in another language its own clock by Intl (`21:00` in Spanish and French).
 */
export function clockText(
  time: string,
  words: CallingHoursWords = englishCallingHoursWords,
): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  if (minutes === 0 && hours === 12) return words.noon;
  if (minutes === 0 && (hours === 0 || hours === 24)) return words.midnight;
  if (words.language !== 'en') {
    return new Intl.DateTimeFormat(words.language, {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
    }).format(Date.UTC(2026, 0, 1, hours, minutes));
  }
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const suffix = hours < 12 || hours === 24 ? 'am' : 'pm';
  return minutes === 0
    ? `${hour12} ${suffix}`
    : `${hour12}:${String(minutes).padStart(2, '0')} ${suffix}`;
}

/**
 * The calling hours as a parent reads them: "between 8 am and 9 pm", or "at any hour" for a
 * stage that calls round the clock (00:00–24:00); in `words`' language.
 */
export function callingHoursText(
  facts: {
    readonly callingHoursStart: string;
    readonly callingHoursEnd: string;
  },
  words: CallingHoursWords = englishCallingHoursWords,
): string {
  if (facts.callingHoursStart === '00:00' && facts.callingHoursEnd === '24:00')
    return words.anyHour;
  return words.between(
    clockText(facts.callingHoursStart, words),
    clockText(facts.callingHoursEnd, words),
  );
}

/** "Between 8 am…" from "between 8 am…": a phrase that starts a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
