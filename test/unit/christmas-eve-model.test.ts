import { describe, expect, it } from 'vitest';
import { type ModelCall, simulateCron } from '../../bench/christmas-eve/cron-model.ts';
import { maxConcurrency, maxStartsInWindow, percentile } from '../../bench/christmas-eve/stats.ts';
import type { PlannedCall } from '../../local/elevenlabs/call-plan.ts';

const minute = 60_000;
const sixPm = Date.parse('2026-12-24T23:00:00Z');
const fiveMinuteCall: PlannedCall = { outcome: 'answered', ringSecs: 0, talkSecs: 300 };
const settings = {
  concurrency: 4,
  startsPerSecond: 1,
  cronPeriodSecs: 60,
  retryWaitSecs: 300,
  maxRetries: 3,
};

function calls(count: number, bookedAt = sixPm, attempt = (_n: number) => fiveMinuteCall) {
  return Array.from(
    { length: count },
    (_, i): ModelCall => ({
      id: `c${String(i).padStart(3, '0')}`,
      bookedAt,
      deadlineAt: bookedAt + 180 * minute,
      attempt,
    }),
  );
}

describe('the cron design, simulated', () => {
  it('starts calls due at one quarter hour in waves of the concurrency limit, refusing the rest', () => {
    // Arrange
    const trace = calls(12);

    // Act
    const result = simulateCron(trace, settings);

    // Assert: 4 start at 18:00 (one a second); the 8 refused are sent again each minute until
    // lines free at 18:05 and 18:10.
    const firstStarts = result.starts.map((s) => s.at - sixPm).sort((a, b) => a - b);
    expect(firstStarts.slice(0, 4)).toEqual([0, 1000, 2000, 3000]);
    expect(firstStarts[4]).toBeGreaterThanOrEqual(5 * minute);
    expect(firstStarts[11]).toBeGreaterThanOrEqual(10 * minute);
    expect(result.refusedAt.length).toBeGreaterThan(8);
    expect(result.neverStarted).toEqual([]);
    expect(maxConcurrency(result.starts.map((s) => ({ start: s.at, end: s.endsAt })))).toBe(4);
  });

  it('paces sends at the calls-per-second limit, across ticks', () => {
    // Arrange
    const trace = calls(90, sixPm, () => ({ outcome: 'answered', ringSecs: 0, talkSecs: 1 }));

    // Act
    const result = simulateCron(trace, { ...settings, concurrency: 1000 });

    // Assert
    const at = result.starts.map((s) => s.at - sixPm);
    expect(Math.max(...at)).toBe(89_000);
    expect(maxStartsInWindow(at, 1000)).toBe(1);
  });

  it('retries a busy first attempt after the retry wait, at the next tick', () => {
    // Arrange
    const busyFirst = (n: number): PlannedCall => (n === 0 ? { outcome: 'busy' } : fiveMinuteCall);

    // Act
    const result = simulateCron(calls(1, sixPm, busyFirst), settings);

    // Assert: busy for 2 s, due again 5 min later, sent at the minute after that.
    expect(result.starts.map((s) => [s.attempt, s.at - sixPm])).toEqual([
      [0, 0],
      [1, 6 * minute],
    ]);
  });

  it('never starts a call whose calling hours ended while it was refused', () => {
    // Arrange
    const trace = calls(2).map((c) => ({ ...c, deadlineAt: sixPm + 2 * minute }));

    // Act
    const result = simulateCron(trace, { ...settings, concurrency: 1 });

    // Assert
    expect(result.starts).toHaveLength(1);
    expect(result.neverStarted).toEqual(['c001']);
  });
});

describe('start figures', () => {
  it.each([
    { p: 50, expected: 3 },
    { p: 99, expected: 5 },
    { p: 0, expected: 1 },
  ])('takes the nearest-rank percentile p$p', ({ p, expected }) => {
    expect(percentile([5, 1, 4, 2, 3], p)).toBe(expected);
  });

  it('does not count a call ending as another starts as overlapping', () => {
    expect(
      maxConcurrency([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 5, end: 15 },
      ]),
    ).toBe(2);
  });

  it('counts starts in any half-open window', () => {
    expect(maxStartsInWindow([0, 999, 1000, 1500, 1999, 5000], 1000)).toBe(3);
  });
});
