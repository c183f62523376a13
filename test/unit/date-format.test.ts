import { describe, expect, it } from 'vitest';
import {
  formatCalendarDay,
  formatCallDate,
  formatCallDay,
  formatCallTime,
  formatClockHour,
  formatClockTime,
  formatEventTime,
  formatShortDateTime,
} from '../../functions/core/date-format.ts';

const call = '2026-11-30T20:45:00Z';

describe('formatCallTime: day, year, time and the zone name in the reader locale', () => {
  it.each([
    ['Europe/London', 'en-GB', 'Monday, 30 November 2026 at 20:45 Greenwich Mean Time'],
    ['Europe/London', 'en-US', 'Monday, November 30, 2026 at 8:45 PM Greenwich Mean Time'],
    // A grandparent's zone: the name says whose clock it is.
    ['America/New_York', 'en-GB', 'Monday, 30 November 2026 at 15:45 Eastern Standard Time'],
    ['America/New_York', 'en-US', 'Monday, November 30, 2026 at 3:45 PM Eastern Standard Time'],
    ['UTC', 'en-US', 'Monday, November 30, 2026 at 8:45 PM Coordinated Universal Time'],
    ['Asia/Tokyo', 'ja-JP', '2026年12月1日火曜日 5:45 日本標準時'],
    ['Europe/Berlin', 'de-DE', 'Montag, 30. November 2026 um 21:45 Mitteleuropäische Normalzeit'],
    ['Europe/Paris', 'fr-FR', 'lundi 30 novembre 2026 à 21:45 heure normale d’Europe centrale'],
    ['Europe/London', 'no such locale', 'Monday, November 30, 2026 at 8:45 PM Greenwich Mean Time'],
  ])('%s in %s reads %s', (zone, locale, expected) => {
    expect(formatCallTime(call, zone, locale)).toBe(expected);
  });
});

describe('the shorter shapes', () => {
  it.each([
    [formatCallDay(call, 'Asia/Tokyo', 'en-US'), 'Tuesday, December 1'],
    [formatCallDay(call, 'America/New_York', 'en-GB'), 'Monday 30 November'],
    [formatCallDate(call, 'Europe/London', 'en-GB'), '30 November 2026'],
    [formatClockTime(call, 'Europe/London', 'en-GB'), '20:45'],
    [formatClockTime(call, 'America/New_York', 'en-US'), '3:45 PM'],
    [formatCalendarDay('2026-12-23', 'en-US'), 'Wednesday, December 23'],
    [formatCalendarDay('2026-12-23', 'en-GB'), 'Wednesday 23 December'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [
      'en-GB',
      'Wednesday, 2 December 2026 at 00:50 Greenwich Mean Time',
      '00:50',
      'Wed 2 Dec, 00:50',
    ],
    [
      'en-US',
      'Wednesday, December 2, 2026 at 12:50 AM Greenwich Mean Time',
      '12:50 AM',
      'Wed, Dec 2, 12:50 AM',
    ],
    [
      'de-DE',
      'Mittwoch, 2. Dezember 2026 um 00:50 Mittlere Greenwich-Zeit',
      '00:50',
      'Mi., 2. Dez., 00:50',
    ],
    ['ja-JP', '2026年12月2日水曜日 0:50 グリニッジ標準時', '0:50', '12月2日(水) 0:50'],
  ])(
    'an hour before ten is written as the full call time writes it, in %s',
    (locale, full, clock, short) => {
      // Arrange: ten to one in the morning, when en-GB's time-only pattern used to say "0:50".
      const early = '2026-12-02T00:50:00Z';
      // Act / Assess
      expect(formatCallTime(early, 'Europe/London', locale)).toBe(full);
      expect(formatClockTime(early, 'Europe/London', locale)).toBe(clock);
      expect(formatShortDateTime(early, 'Europe/London', locale)).toBe(short);
    },
  );

  it.each([
    ['en-US', '2026-12-02T16:05:00Z', '4 PM'],
    ['en-GB', '2026-12-02T16:05:00Z', '16'],
    ['en-GB', '2026-12-02T04:05:00Z', '04'],
  ])('formatClockHour labels a row of times in %s (%s is %s)', (locale, instant, label) => {
    expect(formatClockHour(instant, 'Europe/London', locale)).toBe(label);
  });

  it('throws RangeError on a zone Intl does not know', () => {
    expect(() => formatCallTime(call, 'Mars/Olympus_Mons', 'en-US')).toThrow(RangeError);
  });
});

describe('formatEventTime: the clock time today, the day and time on another day', () => {
  it.each([
    ['2026-11-30T23:00:00Z', 'en-US', '3:45 PM'],
    ['2026-11-29T23:00:00Z', 'en-US', 'Mon, Nov 30, 3:45 PM'],
    ['2026-11-29T23:00:00Z', 'en-GB', 'Mon 30 Nov, 15:45'],
  ])('now %s in %s', (now, locale, expected) => {
    expect(formatEventTime(call, 'America/New_York', locale, new Date(now))).toBe(expected);
  });
});
