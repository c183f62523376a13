/**
 * Small wording helpers for people (emails, the team's notices). Dates are formatted by
 * `date-format.ts` and money by `money-format.ts`, the one formatter each for site and emails.
 */

/** The first word of the name the parent typed: "Emma" from " Emma  Rose ". */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
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
