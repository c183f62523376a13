import { describe, expect, it } from 'vitest';
import { bookingWindow, isInBookingWindow } from '../../functions/core/booking-window.ts';

const rules = { minimumLeadMinutes: 15, maximumLeadDays: 90 };

describe('bookingWindow: the callee-local days a call can be booked on', () => {
  it.each([
    ['midday in New York', '2026-12-01T17:00:00Z', 'America/New_York', '2026-12-01', '2027-03-01'],
    [
      'ten to midnight in New York: the earliest time is tomorrow',
      '2026-12-02T04:50:00Z',
      'America/New_York',
      '2026-12-02',
      '2027-03-01',
    ],
    [
      'the same instant is already tomorrow in Tokyo',
      '2026-12-01T17:00:00Z',
      'Asia/Tokyo',
      '2026-12-02',
      '2027-03-02',
    ],
  ])('%s', (_, now, zone, firstDate, lastDate) => {
    const window = bookingWindow(zone, new Date(now), rules);
    expect(window.firstDate).toBe(firstDate);
    // 90 days after now on the callee's clock.
    expect(window.lastDate).toBe(lastDate);
  });

  it.each([
    ['the first day', '2026-12-01', true],
    ['the last day', '2027-03-01', true],
    ['the day before', '2026-11-30', false],
    ['the day after', '2027-03-02', false],
  ])('%s is in the window: %s', (_, date, inside) => {
    expect(isInBookingWindow(date, { firstDate: '2026-12-01', lastDate: '2027-03-01' })).toBe(
      inside,
    );
  });
});
