import { describe, expect, it } from 'vitest';
import {
  instantMinutes,
  type LineLimits,
  lineHoldSeconds,
  overlappingInstants,
  placesAt,
  retryReserveLines,
  startsPerInstant,
} from '../../functions/core/instant-capacity.ts';

const limits: LineLimits = {
  concurrentCalls: 4,
  startsPerSecond: 1,
  expectedCallMinutes: 5,
  maxCallSeconds: 300,
  ringSeconds: 45,
  retryShare: 0.15,
};

const gridFrom = (start: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => new Date(Date.parse(start) + i * instantMinutes * 60_000),
  );

describe('the line time of one call', () => {
  it.each([
    // ring + talk (capped by the agent's 300 s) + 15 s hang-up
    [{}, 360, 2],
    [{ expectedCallMinutes: 1 }, 120, 1],
    [{ expectedCallMinutes: 30 }, 360, 2],
    [{ ringSeconds: 10, expectedCallMinutes: 4.5 }, 295, 1],
  ])('with %o holds a line %i s: %i overlapping instants', (change, hold, k) => {
    expect(lineHoldSeconds({ ...limits, ...change })).toBe(hold);
    expect(overlappingInstants({ ...limits, ...change })).toBe(k);
  });
});

describe('places per instant', () => {
  it.each([
    // lines, starts/s, retry share → reserve, sold per k instants, the cap by start pace
    [4, 1, 0.15, 1, [1, 2], 6],
    [20, 1, 0.15, 3, [8, 9], 6],
    [20, 4, 0.15, 3, [8, 9], 21],
    [1, 1, 0.15, 0, [0, 1], 6],
    [10, 1, 0, 0, [5], 6],
  ])(
    '%i lines at %i starts/s with %f retries keep %i lines back and sell %o, at most %i',
    (lines, cps, share, reserve, values, cap) => {
      const these = {
        ...limits,
        concurrentCalls: lines,
        startsPerSecond: cps,
        retryShare: share,
      };
      const places = gridFrom('2026-12-24T17:00:00Z', 36).map((instant) =>
        placesAt(instant, these),
      );

      expect(retryReserveLines(these)).toBe(reserve);
      expect(startsPerInstant(these)).toBe(cap);
      expect([...new Set(places)].sort()).toEqual([
        ...new Set(values.map((v) => Math.min(v, cap))),
      ]);
    },
  );

  it('never lets the calls of k consecutive instants need more than the unreserved lines', () => {
    for (const lines of [1, 2, 3, 4, 7, 10, 20, 33, 100]) {
      for (const expectedCallMinutes of [1, 3, 5, 8]) {
        const these = {
          ...limits,
          concurrentCalls: lines,
          expectedCallMinutes,
          startsPerSecond: 50,
        };
        const k = overlappingInstants(these);
        const grid = gridFrom('2026-12-24T15:00:00Z', 60);
        const places = grid.map((instant) => placesAt(instant, these));
        for (let i = 0; i + k <= places.length; i++) {
          const window = places.slice(i, i + k).reduce((sum, n) => sum + n, 0);
          // Exactly the unreserved lines over every window: nothing idle, nothing over.
          expect(window).toBe(lines - retryReserveLines(these));
        }
      }
    }
  });

  it('caps an instant at the calls the start rate can start within 5 seconds', () => {
    const slow = { ...limits, concurrentCalls: 200, startsPerSecond: 0.5 };

    const places = gridFrom('2026-12-24T17:00:00Z', 12).map((instant) => placesAt(instant, slow));

    expect(Math.max(...places)).toBe(3);
  });

  it('gives the same answer for the same instant every time (every seller agrees)', () => {
    const instant = new Date('2026-12-24T18:05:00Z');
    expect(placesAt(instant, limits)).toBe(placesAt(new Date(instant), limits));
  });
});
