/**
 * Calendar arithmetic and small wording helpers for the site. Dates and money are formatted by
 * the shared formatters (functions/core/date-format.ts, money-format.ts) in `siteLocale()`.
 */

/** Today's date (YYYY-MM-DD) on the clock of `timeZone`. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The visitor's IANA time zone, e.g. America/New_York. */
export function detectedTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';
  } catch {
    return 'America/New_York';
  }
}

/** "4 min 12 s" for a duration in seconds. */
export function formatDuration(totalSecs: number): string {
  const secs = Math.round(totalSecs);
  const minutes = Math.floor(secs / 60);
  return minutes ? `${minutes} min ${secs % 60} s` : `${secs} s`;
}
