import { describe, expect, it } from 'vitest';
import { atExpressionInstant } from '../../local/scheduler/schedule-expression.ts';

describe('atExpressionInstant', () => {
  it.each([
    ['at(2026-12-24T18:00:00)', undefined, '2026-12-24T18:00:00.000Z'],
    ['at(2026-12-24T18:00:00)', 'UTC', '2026-12-24T18:00:00.000Z'],
    ['at(2026-12-24T18:00:00)', 'America/New_York', '2026-12-24T23:00:00.000Z'],
    ['at(2026-07-04T18:00:00)', 'America/New_York', '2026-07-04T22:00:00.000Z'],
    ['at(2026-12-24T08:30:00)', 'Australia/Sydney', '2026-12-23T21:30:00.000Z'],
    ['at(2026-12-24T18:00:00)', 'Asia/Kolkata', '2026-12-24T12:30:00.000Z'],
  ])('reads %s in %s as %s', (expression, zone, expected) => {
    expect(atExpressionInstant(expression, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['rate(5 minutes)', 'UTC', /at\(yyyy-mm-ddThh:mm:ss\)/],
    ['cron(0 8 * * ? *)', 'UTC', /one-time/],
    ['at(2026-12-24 18:00:00)', 'UTC', /Invalid schedule expression/],
    ['at(2026-02-30T18:00:00)', 'UTC', /Invalid schedule time/],
    ['at(2026-12-24T18:00:00)', 'Mars/Olympus_Mons', /time zone "Mars\/Olympus_Mons"/],
  ])('refuses %s (%s) with a message that says what is wrong', (expression, zone, message) => {
    expect(() => atExpressionInstant(expression, zone)).toThrow(message);
  });
});
