import { describe, expect, it } from 'vitest';
import { callStartLatenessSeconds } from '../../functions/core/call-lateness.ts';

describe('callStartLatenessSeconds', () => {
  it.each([
    ['on the booked second', '2026-12-24T17:00:00.000Z', '2026-12-24T17:00:00.000Z', 1, 0],
    ['90.4 s late, rounded', '2026-12-24T17:00:00.000Z', '2026-12-24T17:01:30.400Z', 1, 90],
    [
      'a dial before the booked time counts as on time',
      '2026-12-24T17:00:00.000Z',
      '2026-12-24T16:59:58.000Z',
      1,
      0,
    ],
    [
      'a retry is late on purpose: not measured',
      '2026-12-24T17:00:00.000Z',
      '2026-12-24T17:10:00.000Z',
      2,
      undefined,
    ],
    ['an unreadable booked time: not measured', 'soon', '2026-12-24T17:10:00.000Z', 1, undefined],
  ])('%s', (_, scheduledAt, dialAt, attempt, expected) => {
    expect(callStartLatenessSeconds(scheduledAt, new Date(dialAt), attempt)).toBe(expected);
  });
});
