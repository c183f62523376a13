/**
 * Formatting for people (emails, the team's notices): dates in the parent's own time zone, money
 * in its currency, a child's first name. Pure functions, so every message agrees on one wording.
 */

const locale = 'en-US';

// Some ICU versions put narrow or non-breaking spaces before "PM"; plain spaces read the same
// in every mail client and keep subjects and tests stable across Node versions.
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** "Thursday, December 24 at 6:30 PM EST": the call time as the parent's clock shows it. */
export function formatCallTime(instantUtc: string, timeZone: string): string {
  const formatter = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  return plainSpaces(formatter.format(new Date(instantUtc)));
}

/** "Thursday, December 24": the call's day in the parent's time zone, for subject lines. */
export function formatCallDay(instantUtc: string, timeZone: string): string {
  const formatter = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone,
  });
  return plainSpaces(formatter.format(new Date(instantUtc)));
}

/**
 * "$29.99" from 2999 cents. Amounts are in the currency's minor unit, as Stripe counts them, so
 * zero-decimal currencies (JPY) are not divided by 100.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
  });
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return plainSpaces(formatter.format(amountMinor / 10 ** fractionDigits));
}

/** The first word of the name the parent typed: "Emma" from " Emma  Rose ". */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** True when `Intl` knows the IANA zone, so formatting with it cannot throw later. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
    return true;
  } catch {
    return false;
  }
}
