/**
 * Small wording helpers for people (emails, the team's notices). Dates are formatted by
 * `date-format.ts` and money by `money-format.ts`, the one formatter each for site and emails.
 */

/**
 * The child's name as emails, the video, the calendar file and download names say it: what the
 * parent typed as "Child's first name", in NFC with runs of spaces made one — "Anne Marie" from
 * " Anne  Marie ", whole, as Santa says it on the call and the site shows it. (It was the first
 * word, so a compound first name read "Anne" in every email and "Anne Marie" everywhere else.)
 */
export function firstName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** True when `Intl` knows the IANA zone, so formatting with it cannot throw later. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
