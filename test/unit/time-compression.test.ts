import { describe, expect, it } from 'vitest';
import { realInstantFor, simulatedInstantFor } from '../../local/time-compression.ts';

const anchorMs = Date.parse('2026-12-01T00:00:00Z');
const minute = 60_000;

describe('unanchored time compression (the default)', () => {
  it.each([
    { what: 'an hour ahead at 3600×', target: 60 * minute, from: 0, scale: 3600, ends: 1000 },
    { what: 'ten minutes ahead at 1×', target: 10 * minute, from: 0, scale: 1, ends: 10 * minute },
    { what: 'an instant already passed', target: 0, from: 5000, scale: 20, ends: 5000 },
  ])('divides the delay from the start of the wait: $what', ({ target, from, scale, ends }) => {
    // Act
    const real = realInstantFor(anchorMs + target, anchorMs + from, { scale });

    // Assert
    expect(real).toBe(anchorMs + ends);
  });

  it('lets two waits for the same instant, begun apart, end apart', () => {
    // Arrange
    const target = anchorMs + 60 * minute;

    // Act
    const early = realInstantFor(target, anchorMs, { scale: 20 });
    const late = realInstantFor(target, anchorMs + minute, { scale: 20 });

    // Assert
    expect(late - early).toBeCloseTo(minute - minute / 20);
  });
});

describe('anchored time compression (CALLSANTA_TIME_ANCHOR)', () => {
  it('fires two waits for the same instant, begun at different moments, at one real time', () => {
    // Arrange
    const target = anchorMs + 60 * minute;
    const time = { scale: 20, anchorMs };

    // Act
    const early = realInstantFor(target, anchorMs, time);
    const late = realInstantFor(target, anchorMs + minute, time);

    // Assert
    expect(early).toBe(anchorMs + 3 * minute);
    expect(late).toBe(early);
  });

  it('maps an instant before the anchor, or already passed in the mapping, to "at once"', () => {
    // Arrange
    const time = { scale: 20, anchorMs };

    // Act
    const beforeAnchor = realInstantFor(anchorMs - minute, anchorMs + 10, time);
    const passed = realInstantFor(anchorMs + 20 * minute, anchorMs + 2 * minute, time);

    // Assert
    expect(beforeAnchor).toBe(anchorMs + 10);
    expect(passed).toBe(anchorMs + 2 * minute);
  });

  it('maps a real instant back to the simulated one it stands for', () => {
    // Arrange
    const time = { scale: 24, anchorMs };
    const target = anchorMs + 95 * minute + 1234;

    // Act
    const real = realInstantFor(target, anchorMs, time);

    // Assert
    expect(simulatedInstantFor(real, time)).toBeCloseTo(target);
    expect(simulatedInstantFor(real, { scale: 24 })).toBe(real);
  });
});
