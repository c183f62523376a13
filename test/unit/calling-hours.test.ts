import { describe, expect, it } from 'vitest';
import { callingWindowAt } from '../../functions/core/calling-hours.ts';

const hours = (start: string, end: string) => {
  const minute = (clock: string) => {
    const [h, m] = clock.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return { callingHoursStartMinute: minute(start), callingHoursEndMinute: minute(end) };
};
const daytime = hours('08:00', '21:00');

describe('callingWindowAt', () => {
  // Each row: the instant, the callee's zone, the hours, when they open next (undefined: open).
  it.each([
    // Inside, at the edges: the start is in, the end is out.
    ['2026-12-21T08:00:00Z', 'Europe/London', daytime, undefined],
    ['2026-12-21T20:59:59Z', 'Europe/London', daytime, undefined],
    ['2026-12-21T21:00:00Z', 'Europe/London', daytime, '2026-12-22T08:00:00.000Z'],
    ['2026-12-21T07:59:59Z', 'Europe/London', daytime, '2026-12-21T08:00:00.000Z'],
    // The defect: 04:00 in London is not calling time, whatever Los Angeles says.
    ['2026-12-21T04:00:00Z', 'Europe/London', daytime, '2026-12-21T08:00:00.000Z'],
    ['2026-12-21T04:00:00Z', 'America/Los_Angeles', daytime, undefined],
    // After the end: the next local day's start; across a year end too.
    ['2026-12-31T23:30:00Z', 'UTC', daytime, '2027-01-01T08:00:00.000Z'],
    ['2026-12-22T02:00:00Z', 'America/New_York', daytime, '2026-12-22T13:00:00.000Z'],
    // The local day differs from the UTC day: Tokyo is already on the 22nd at 15:00 UTC.
    ['2026-12-21T15:00:00Z', 'Asia/Tokyo', daytime, '2026-12-21T23:00:00.000Z'],
    // Half- and quarter-hour zones.
    ['2026-12-21T02:00:00Z', 'Asia/Kolkata', daytime, '2026-12-21T02:30:00.000Z'],
    ['2026-12-21T02:00:00Z', 'Asia/Kathmandu', daytime, '2026-12-21T02:15:00.000Z'],
    // DST days in New York: 08:00 is 12:00 UTC in summer and 13:00 UTC in winter.
    ['2027-03-14T06:00:00Z', 'America/New_York', daytime, '2027-03-14T12:00:00.000Z'],
    ['2027-11-07T06:00:00Z', 'America/New_York', daytime, '2027-11-07T13:00:00.000Z'],
    // Closing the evening before a DST change opens at the next morning's new offset.
    ['2027-03-14T02:00:00Z', 'America/New_York', daytime, '2027-03-14T12:00:00.000Z'],
    ['2027-03-28T00:30:00Z', 'Europe/London', daytime, '2027-03-28T07:00:00.000Z'],
    // A start inside the spring-forward gap (02:30 does not exist): it opens at the jump, 03:00.
    [
      '2027-03-14T05:00:00Z',
      'America/New_York',
      hours('02:30', '21:00'),
      '2027-03-14T07:00:00.000Z',
    ],
    // A start that occurs twice when clocks go back: the first 01:30 (EDT)…
    [
      '2027-11-07T04:00:00Z',
      'America/New_York',
      hours('01:30', '21:00'),
      '2027-11-07T05:30:00.000Z',
    ],
    // …and the second (EST) for an instant between them, at 01:10 EST.
    [
      '2027-11-07T06:10:00Z',
      'America/New_York',
      hours('01:30', '21:00'),
      '2027-11-07T06:30:00.000Z',
    ],
    // Santiago skips midnight in September (00:00 → 01:00): a 00:00 start opens at 01:00…
    [
      '2026-09-06T03:30:00Z',
      'America/Santiago',
      hours('00:00', '02:00'),
      '2026-09-06T04:00:00.000Z',
    ],
    // …and hours that the jump skips entirely open the day after.
    [
      '2026-09-06T03:30:00Z',
      'America/Santiago',
      hours('00:00', '01:00'),
      '2026-09-07T03:00:00.000Z',
    ],
    // An end of 24:00 runs to midnight; the start may be the next day.
    ['2026-12-21T23:59:00Z', 'UTC', hours('08:00', '24:00'), undefined],
    ['2026-12-21T07:00:00Z', 'UTC', hours('00:00', '24:00'), undefined],
    ['2026-12-21T00:30:00Z', 'UTC', hours('09:00', '24:00'), '2026-12-21T09:00:00.000Z'],
    // Samoa skipped 30 December 2011 outright: a call due then waits for the 31st at 08:00.
    ['2011-12-30T09:00:00Z', 'Pacific/Apia', daytime, '2011-12-30T18:00:00.000Z'],
  ])('%s in %s with %o → %s', (instant, zone, rules, opensAt) => {
    const window = callingWindowAt(new Date(instant), zone, rules);

    if (opensAt === undefined) {
      expect(window).toEqual({ open: true });
    } else {
      expect(window).toEqual({ open: false, opensAt: new Date(opensAt) });
    }
  });

  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons', daytime],
    ['hours that start after they end', 'UTC', hours('21:00', '08:00')],
    ['hours that never open', 'UTC', hours('08:00', '08:00')],
    ['an end past midnight', 'UTC', { callingHoursStartMinute: 0, callingHoursEndMinute: 1441 }],
    ['fractional minutes', 'UTC', { callingHoursStartMinute: 0.5, callingHoursEndMinute: 60 }],
  ])('refuses %s', (_, zone, rules) => {
    expect(() => callingWindowAt(new Date('2026-12-21T12:00:00Z'), zone, rules)).toThrow(
      RangeError,
    );
  });

  it('refuses an invalid instant', () => {
    expect(() => callingWindowAt(new Date('not a date'), 'UTC', daytime)).toThrow(RangeError);
  });
});
