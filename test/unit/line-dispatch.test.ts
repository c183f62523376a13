import { describe, expect, it } from 'vitest';
import {
  type DispatchLimits,
  freeLines,
  giveLineBack,
  handOutLines,
  keepLine,
  nextStartSecond,
  noLines,
  queueInstant,
} from '../../functions/core/line-dispatch.ts';

const limits: DispatchLimits = {
  concurrentCalls: 2,
  startIntervalMs: 1000,
  leaseSeconds: 900,
  maxPaceMs: 15_000,
};
const t0 = 1_800_000_000_000;
const call = (holder: string, dueAt = '2026-12-24T18:00:00.000Z') => ({ holder, dueAt });

describe('handing out lines', () => {
  it('gives free lines to the first due calls, in due order, up to the lines', () => {
    const { state, grants } = handOutLines(noLines, [call('a'), call('b'), call('c')], limits, t0);

    expect(grants.map((grant) => grant.call.holder)).toEqual(['a', 'b']);
    expect(Object.keys(state.leases)).toEqual(['a', 'b']);
    expect(freeLines(state, limits.concurrentCalls, t0)).toBe(0);
  });

  it('never lets a later call overtake an earlier one that must wait', () => {
    const busy = { leases: { x: t0 + 60_000, y: t0 + 60_000 }, lastStartAt: t0 };

    const { grants } = handOutLines(busy, [call('a'), call('b')], limits, t0);

    expect(grants).toEqual([]);
  });

  it('answers a holder that already has a line at once, without counting a second start', () => {
    const held = { leases: { a: t0 + 5000 }, lastStartAt: t0 };

    const { state, grants } = handOutLines(held, [call('a')], limits, t0 + 100);

    expect(grants).toEqual([{ call: call('a'), startAt: t0 + 100, renewed: true }]);
    expect(state.lastStartAt).toBe(t0);
    expect(state.leases.a).toBe(t0 + 100 + 900_000);
  });

  it('takes back the lines of leases that ran out (a crashed call)', () => {
    const stale = { leases: { x: t0 - 1, y: t0 - 1 }, lastStartAt: t0 - 60_000 };

    const { grants, state } = handOutLines(stale, [call('a')], limits, t0);

    expect(grants.map((grant) => grant.call.holder)).toEqual(['a']);
    expect(Object.keys(state.leases)).toEqual(['a']);
  });

  it.each([
    // last start, now → the start second (ms after t0): one interval (plus 5 %) apart, never before now
    [t0 - 10_000, 0, 0],
    [t0, 0, 1050],
    [t0 + 400, 0, 1450],
    [t0, 3000, 3000],
  ])(
    'paces the next dial after a start at %i (now +%i ms) to +%i ms',
    (lastStartAt, after, expected) => {
      const next = nextStartSecond({ leases: {}, lastStartAt }, limits, t0 + after);

      expect(next.startAt - t0).toBe(expected);
      expect(next.state.lastStartAt).toBe(next.startAt);
    },
  );

  it('keeps a live call’s line from now, but never takes back a lease that ran out', () => {
    const held = { leases: { a: t0 + 1000, b: t0 - 1 }, lastStartAt: t0 };

    const kept = keepLine(held, 'a', limits, t0 + 500);
    const lost = keepLine(held, 'b', limits, t0 + 500);

    expect(kept?.leases).toEqual({ a: t0 + 500 + 900_000 });
    expect(lost).toBeUndefined();
  });

  it('gives a line back once; giving it back again changes nothing', () => {
    const { state } = handOutLines(noLines, [call('a')], limits, t0);

    const once = giveLineBack(state, 'a', t0 + 1);
    const twice = giveLineBack(once, 'a', t0 + 2);

    expect(once.leases).toEqual({});
    expect(twice).toEqual(once);
  });
});

describe('a call attempt’s place in the queue', () => {
  const now = new Date('2026-12-24T18:00:02Z');
  it.each([
    [
      { attempts: 0, callNow: false, scheduledAt: '2026-12-24T18:00:00Z' },
      '2026-12-24T18:00:00.000Z',
    ],
    // A run resumed late after a crash keeps its booked place.
    [
      { attempts: 0, callNow: false, scheduledAt: '2026-12-24T17:40:00Z' },
      '2026-12-24T17:40:00.000Z',
    ],
    // A retry joins at the moment it came due again.
    [
      { attempts: 1, callNow: false, scheduledAt: '2026-12-24T17:40:00Z' },
      '2026-12-24T18:00:02.000Z',
    ],
    // A "call now" booked long before it was paid does not jump the queue.
    [
      { attempts: 0, callNow: true, scheduledAt: '2026-12-24T17:35:00Z' },
      '2026-12-24T18:00:02.000Z',
    ],
    // Locally, with time scaled, a booked second can still be ahead on the wall clock.
    [
      { attempts: 0, callNow: false, scheduledAt: '2026-12-24T19:00:00Z' },
      '2026-12-24T18:00:02.000Z',
    ],
  ])('%o queues at %s', (booking, place) => {
    expect(queueInstant(booking, now)).toBe(place);
  });
});
