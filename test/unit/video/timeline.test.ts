import { describe, expect, it } from 'vitest';
import {
  callTimer,
  isSantaSpeaking,
  santaVoiceLevel,
  smoothedPeak,
} from '../../../video/timeline.ts';

describe('callTimer', () => {
  it.each([
    [0, '00:00'],
    [0.99, '00:00'],
    [59.5, '00:59'],
    [60, '01:00'],
    [425, '07:05'],
    [1800, '30:00'],
    [-1, '00:00'],
  ])('%d s reads %s', (seconds, shown) => {
    expect(callTimer(seconds)).toBe(shown);
  });
});

describe('speaking and loudness', () => {
  const turns = [{ startSeconds: 1, endSeconds: 2 }];

  it.each([
    [0.99, false],
    [1, true],
    [1.99, true],
    [2, false],
  ])('at %d s Santa speaking is %s', (seconds, speaking) => {
    expect(isSantaSpeaking(turns, seconds)).toBe(speaking);
  });

  it('smooths: a peak fades over the next frames and is 0 outside the peaks', () => {
    const peaks = [0, 1, 0, 0, 0, 0, 0, 0];
    expect(smoothedPeak(peaks, 1)).toBe(1);
    expect(smoothedPeak(peaks, 2)).toBeCloseTo(5 / 6);
    expect(smoothedPeak(peaks, 4)).toBeCloseTo(3 / 6);
    expect(smoothedPeak(peaks, 7)).toBe(0);
    expect(smoothedPeak(peaks, -3)).toBe(0);
    expect(smoothedPeak(peaks, 100)).toBe(0);
  });

  it("Santa's ring follows the loudness only inside his turns, or always when none are known", () => {
    const peaks = Array.from({ length: 180 }, () => 0.8);
    expect(santaVoiceLevel(peaks, turns, 90, 60)).toBeCloseTo(0.8);
    expect(santaVoiceLevel(peaks, turns, 30, 60)).toBe(0);
    expect(santaVoiceLevel(peaks, turns, 150, 60)).toBe(0);
    expect(santaVoiceLevel(peaks, [], 30, 60)).toBeCloseTo(0.8);
  });
});
