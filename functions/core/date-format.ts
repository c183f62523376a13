/**
 * Dates and times for people: one formatter for the site and the emails, so a call reads the same
 * on every page and in every message. Every function takes the instant (ISO 8601 UTC), the IANA
 * zone whose clock it is shown on, and the reader's BCP 47 locale (an unusable locale falls back
 * to en-US). An unknown zone throws RangeError (callers check with isKnownTimeZone first).
 */

import { usableLocale } from './locale.ts';

// ICU puts narrow or non-breaking spaces before "PM" in some versions; plain spaces read the same
// in every mail client and keep the site's and the email's strings equal.
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function format(instantUtc: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return plainSpaces(
    new Intl.DateTimeFormat(usableLocale(locale), options).format(new Date(instantUtc)),
  );
}

const callTimeOptions: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'long',
};

/**
 * How the shorter shapes write the hour: two digits when the locale's full call time pads it
 * ("00:50" in en-GB), else as the full call time does ("8:45 PM" in en-US, "5:45" in ja-JP).
 * ICU pads the hour in the long en-GB pattern but not in its time-only one, so without this one
 * page said "Wednesday, 2 December 2026 at 00:50" above time buttons and a timeline saying "0:50".
 */
function hourOf(locale: string): '2-digit' | 'numeric' {
  const hour = new Intl.DateTimeFormat(usableLocale(locale), {
    ...callTimeOptions,
    timeZone: 'UTC',
  })
    .formatToParts(new Date('2026-01-05T04:05:00Z'))
    .find((part) => part.type === 'hour')?.value;
  return hour?.length === 2 ? '2-digit' : 'numeric';
}

/**
 * The call time with its day, year and the zone's name, which is always shown because a parent may
 * book for a grandparent's zone: "Monday, November 30, 2026 at 3:45 PM Eastern Standard Time"
 * (en-US), "Monday, 30 November 2026 at 20:45 Greenwich Mean Time" (en-GB, Europe/London). The
 * long zone name is used because the short one is a bare offset ("GMT-5") in most locales.
 */
export function formatCallTime(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, { ...callTimeOptions, timeZone });
}

/** "Thursday, December 24" (en-US), "Thursday 24 December" (en-GB): the call's day, for subjects. */
export function formatCallDay(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone });
}

/** "November 30, 2026" (en-US), "30 November 2026" (en-GB): a date without the weekday. */
export function formatCallDate(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone });
}

/** "3:45 PM" (en-US), "15:45", "00:50" (en-GB): the clock time alone, for time buttons. */
export function formatClockTime(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, { hour: hourOf(locale), minute: '2-digit', timeZone });
}

/** "4 PM" (en-US), "16" (en-GB): the hour alone, for labelling a row or a choice of times. */
export function formatClockHour(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, { hour: hourOf(locale), timeZone });
}

/** "Mon, Nov 30, 3:45 PM" (en-US): a short day and time, for timelines of events. */
export function formatShortDateTime(instantUtc: string, timeZone: string, locale: string): string {
  return format(instantUtc, locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: hourOf(locale),
    minute: '2-digit',
    timeZone,
  });
}

/** "Tuesday, December 23" (en-US) for a calendar day YYYY-MM-DD, which has no zone. */
export function formatCalendarDay(date: string, locale: string): string {
  return format(`${date}T12:00:00Z`, locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** "December 1" (en-US), "1 December" (en-GB) for a calendar day YYYY-MM-DD: a range's ends. */
export function formatDayMonth(date: string, locale: string): string {
  return format(`${date}T12:00:00Z`, locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** "Eastern Standard Time" (en-US): the zone's name at `instantUtc`, in the reader's language. */
export function formatZoneName(instantUtc: string, timeZone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(usableLocale(locale), {
    timeZone,
    timeZoneName: 'long',
  }).formatToParts(new Date(instantUtc));
  return plainSpaces(parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone);
}

/**
 * "3:45 PM" when `instantUtc` falls on the same day as `now` on the zone's clock, else
 * "Mon, Nov 30, 3:45 PM" (en-US): for timelines of what happened.
 */
export function formatEventTime(
  instantUtc: string,
  timeZone: string,
  locale: string,
  now: Date,
): string {
  const day = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
  return day(new Date(instantUtc)) === day(now)
    ? formatClockTime(instantUtc, timeZone, locale)
    : formatShortDateTime(instantUtc, timeZone, locale);
}
