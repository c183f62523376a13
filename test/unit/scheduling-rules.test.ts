import { describe, expect, it } from 'vitest';
import {
  candidateSlots,
  isWithinCallingHours,
  placeInstantFor,
  defaultSchedulingRules as rules,
  scheduleProblem,
  slotStart,
} from '../../functions/core/scheduling-rules.ts';
import {
  atExpression,
  startsDirectly,
  workflowStart,
} from '../../functions/core/workflow-start.ts';

const now = new Date('2026-12-20T12:00:00Z');

describe('scheduleProblem', () => {
  it.each([
    ['2026-12-20T12:10:00Z', 'UTC', 'too_soon'],
    ['2026-12-20T12:15:00Z', 'UTC', undefined],
    ['2027-03-20T12:00:00Z', 'UTC', undefined],
    ['2027-03-20T12:01:00Z', 'UTC', 'too_far'],
    ['2026-12-21T07:59:00Z', 'UTC', 'outside_calling_hours'],
    ['2026-12-21T08:00:00Z', 'UTC', undefined],
    ['2026-12-21T20:55:00Z', 'UTC', undefined],
    ['2026-12-21T20:59:00Z', 'UTC', 'not_offered'],
    ['2026-12-21T21:00:00Z', 'UTC', 'outside_calling_hours'],
    // 18:00 UTC is 13:00 in New York but 05:00 next day in Sydney.
    ['2026-12-21T18:00:00Z', 'America/New_York', undefined],
    ['2026-12-21T18:00:00Z', 'Australia/Sydney', 'outside_calling_hours'],
  ])('%s in %s → %s', (callAt, zone, problem) => {
    expect(scheduleProblem(new Date(callAt), zone, now, rules)).toBe(problem);
  });
});

describe('slots', () => {
  it('puts an instant on its 5-minute grid, and "call now" on the next instant', () => {
    expect(slotStart(new Date('2026-12-24T18:44:59Z')).toISOString()).toBe(
      '2026-12-24T18:40:00.000Z',
    );
    expect(placeInstantFor(new Date('2026-12-24T18:41:10Z'), true).toISOString()).toBe(
      '2026-12-24T18:45:00.000Z',
    );
    expect(placeInstantFor(new Date('2026-12-24T18:45:00Z'), false).toISOString()).toBe(
      '2026-12-24T18:45:00.000Z',
    );
  });

  it.each([
    ['2026-12-21T18:05:00Z', undefined],
    ['2026-12-21T18:07:00Z', 'not_offered'],
    ['2026-12-21T18:05:30Z', 'not_offered'],
  ])('a time of %s is %s', (callAt, problem) => {
    expect(scheduleProblem(new Date(callAt), 'UTC', now, rules)).toBe(problem);
  });

  it('offers 156 five-minute instants on a normal day and skips those already too soon', () => {
    expect(candidateSlots('2026-12-22', 'Europe/London', now, rules)).toHaveLength(13 * 12);
    const today = candidateSlots('2026-12-20', 'UTC', now, rules);
    expect(today[0]?.toISOString()).toBe('2026-12-20T12:15:00.000Z');
  });

  it('offers no wall-clock time that a DST jump removes, and no duplicate when clocks go back', () => {
    const rulesAllDay = {
      ...rules,
      callingHoursStartMinute: 0,
      callingHoursEndMinute: 24 * 60,
      maximumLeadDays: 400,
    };
    const spring = candidateSlots('2027-03-14', 'America/New_York', now, rulesAllDay);
    const fall = candidateSlots('2027-11-07', 'America/New_York', now, rulesAllDay);

    expect(spring).toHaveLength(23 * 12);
    expect(new Set(fall.map((slot) => slot.getTime())).size).toBe(fall.length);
  });

  // The same rule as dial time (callingWindowAt), on the callee's clock.
  it.each([
    ['2026-12-24T13:00:00Z', 'America/New_York', true],
    ['2026-12-24T13:00:00Z', 'Asia/Tokyo', false],
    // The defect: 04:00 in London is noon the day before in Los Angeles.
    ['2026-12-24T04:00:00Z', 'America/Los_Angeles', true],
    ['2026-12-24T04:00:00Z', 'Europe/London', false],
    ['2027-03-28T07:00:00Z', 'Europe/London', true],
    ['2027-03-27T07:00:00Z', 'Europe/London', false],
  ])('knows calling hours on the callee’s clock: %s in %s → %s', (instant, zone, inside) => {
    expect(isWithinCallingHours(new Date(instant), zone, rules)).toBe(inside);
  });
});

describe('workflowStart', () => {
  it('starts an hour early when a reminder is due', () => {
    const start = workflowStart('B1', new Date('2026-12-24T18:00:00Z'), 2, now);

    expect(start.startAt.toISOString()).toBe('2026-12-24T17:00:00.000Z');
    expect(start.executionName).toBe('booking-B1-v2');
    expect(start.input).toEqual({
      bookingId: 'B1',
      callAt: '2026-12-24T18:00:00.000Z',
      version: 2,
    });
  });

  it('starts a minute early when the call is too close for a reminder', () => {
    const start = workflowStart('B1', new Date('2026-12-20T12:30:00Z'), 2, now);

    expect(start.startAt.toISOString()).toBe('2026-12-20T12:29:00.000Z');
  });

  it('never starts in the past', () => {
    expect(workflowStart('B1', now, 2, now).startAt).toEqual(now);
  });

  it('writes at() expressions to the second, in UTC', () => {
    expect(atExpression(new Date('2026-12-24T17:00:00.250Z'))).toBe('at(2026-12-24T17:00:00)');
  });
});

describe('startsDirectly: a call due within a minute never goes through a past at()', () => {
  const now = new Date('2026-12-24T17:00:00.000Z');
  const inSeconds = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it.each([
    ['call now', true, 3600, true],
    ['a start already past (a late payment)', false, -90, true],
    ['a start due now', false, 0, true],
    ['a start due in 59 s', false, 59, true],
    ['a start due in exactly 60 s', false, 60, true],
    ['a start due in 61 s', false, 61, false],
    ['a start an hour away', false, 3600, false],
  ] as const)('%s starts directly: %s', (_, callNow, seconds, expected) => {
    expect(startsDirectly(callNow, { startAt: inSeconds(seconds) }, now)).toBe(expected);
  });

  it('sends every call booked within the next two minutes straight to StartExecution', () => {
    for (let seconds = 0; seconds <= 120; seconds += 1) {
      // Arrange
      const start = workflowStart('01JBOOKING', inSeconds(seconds), 1, now);

      // Act
      const direct = startsDirectly(false, start, now);

      // Assert
      expect(direct, `${seconds} s`).toBe(true);
    }
  });

  it('hands Scheduler only starts more than a minute ahead', () => {
    for (let seconds = 121; seconds <= 7200; seconds += 7) {
      const start = workflowStart('01JBOOKING', inSeconds(seconds), 1, now);

      const direct = startsDirectly(false, start, now);

      expect(direct, `${seconds} s`).toBe(false);
      expect(start.startAt.getTime() - now.getTime()).toBeGreaterThan(60_000);
    }
  });
});
