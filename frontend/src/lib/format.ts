/** Money and times, in the visitor's language. */

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** "Tuesday, December 23" for a YYYY-MM-DD day. */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

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

/** "7:04 PM" today, "Mon, Nov 23, 7:04 PM" on another day: for timelines. */
export function formatWhen(iso: string, timeZone: string): string {
  const when = new Date(iso);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);
  if (day(when) === day(new Date())) return formatTime(iso, timeZone);
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(when);
}
