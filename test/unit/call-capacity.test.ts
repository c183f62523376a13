import { describe, expect, it } from 'vitest';
import { acquire, emptyCapacity, release } from '../../functions/core/call-capacity.ts';

const limits = { concurrentCalls: 2, startsPerSecond: 1, leaseSeconds: 900 };
const t0 = 1_800_000_000_000;

describe('call capacity', () => {
  it('grants lines up to the concurrent-call limit, then says the lines are busy', () => {
    let state = emptyCapacity(limits, t0);

    const first = acquire(state, 'a', limits, t0);
    if (first.granted) state = first.state;
    const second = acquire(state, 'b', limits, t0 + 1000);
    if (second.granted) state = second.state;
    const third = acquire(state, 'c', limits, t0 + 2000);

    expect(first.granted && second.granted).toBe(true);
    expect(third).toEqual({ granted: false, reason: 'lines_busy' });
  });

  it('limits call starts per second even when lines are free', () => {
    const state = emptyCapacity(limits, t0);
    const first = acquire(state, 'a', limits, t0);
    if (!first.granted) throw new Error('first call refused');

    const sameSecond = acquire(first.state, 'b', limits, t0 + 200);
    const nextSecond = acquire(first.state, 'b', limits, t0 + 1000);

    expect(sameSecond).toEqual({ granted: false, reason: 'rate_limited' });
    expect(nextSecond.granted).toBe(true);
  });

  it('frees a line on release, and releasing twice changes nothing', () => {
    const taken = acquire(emptyCapacity(limits, t0), 'a', limits, t0);
    if (!taken.granted) throw new Error('refused');

    const once = release(taken.state, 'a', t0 + 5000);
    const twice = release(once, 'a', t0 + 6000);

    expect(once.leases).toEqual({});
    expect(twice).toEqual(once);
  });

  it('takes back a line whose workflow never released it once its lease expires', () => {
    let state = emptyCapacity({ ...limits, concurrentCalls: 1 }, t0);
    const crashed = acquire(state, 'crashed', { ...limits, concurrentCalls: 1 }, t0);
    if (crashed.granted) state = crashed.state;

    const beforeExpiry = acquire(state, 'next', { ...limits, concurrentCalls: 1 }, t0 + 899_000);
    const afterExpiry = acquire(state, 'next', { ...limits, concurrentCalls: 1 }, t0 + 901_000);

    expect(beforeExpiry.granted).toBe(false);
    expect(afterExpiry.granted).toBe(true);
    if (afterExpiry.granted) expect(Object.keys(afterExpiry.state.leases)).toEqual(['next']);
  });

  it('gives a retried acquire the line it already holds without counting another start', () => {
    const first = acquire(emptyCapacity(limits, t0), 'a', limits, t0);
    if (!first.granted) throw new Error('refused');

    const again = acquire(first.state, 'a', limits, t0 + 100);

    expect(again.granted).toBe(true);
    if (again.granted) expect(Object.keys(again.state.leases)).toEqual(['a']);
  });
});
