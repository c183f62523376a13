import { describe, expect, it } from 'vitest';
import {
  childTurns,
  santaTurns,
  speakingChild,
  type TranscriptTurn,
} from '../../../video/speaking-turns.ts';

const santa = (timeInCallSecs: number): TranscriptTurn => ({ role: 'santa', timeInCallSecs });
const child = (timeInCallSecs: number): TranscriptTurn => ({ role: 'child', timeInCallSecs });

describe('santaTurns', () => {
  it.each<[string, TranscriptTurn[], number, { startSeconds: number; endSeconds: number }[]]>([
    ['no transcript', [], 30, []],
    ['only the child', [child(0), child(5)], 30, []],
    ['Santa alone speaks to the end', [santa(1)], 30, [{ startSeconds: 1, endSeconds: 30 }]],
    [
      'alternating lines end where the next begins',
      [santa(0), child(4), santa(9), child(15)],
      20,
      [
        { startSeconds: 0, endSeconds: 4 },
        { startSeconds: 9, endSeconds: 15 },
      ],
    ],
    [
      'consecutive Santa lines merge',
      [santa(0), santa(3), santa(6), child(10)],
      20,
      [{ startSeconds: 0, endSeconds: 10 }],
    ],
    [
      'lines out of order are sorted',
      [child(4), santa(9), santa(0)],
      12,
      [
        { startSeconds: 0, endSeconds: 4 },
        { startSeconds: 9, endSeconds: 12 },
      ],
    ],
    [
      'lines past the end of the recording are dropped, the last clamped',
      [santa(2), child(8), santa(28), santa(31)],
      30,
      [
        { startSeconds: 2, endSeconds: 8 },
        { startSeconds: 28, endSeconds: 30 },
      ],
    ],
    [
      'two lines at the same instant leave no zero-length stretch',
      [santa(5), child(5), santa(7)],
      10,
      [{ startSeconds: 7, endSeconds: 10 }],
    ],
  ])('%s', (_, turns, duration, expected) => {
    expect(santaTurns(turns, duration)).toEqual(expected);
  });
});

describe('childTurns: when a child known by name speaks, for the caption', () => {
  const named = (timeInCallSecs: number, speaker?: string) => ({
    role: 'child' as const,
    timeInCallSecs,
    ...(speaker ? { speaker } : {}),
  });

  it.each([
    ['no attributed turn', [santa(0), named(4)], 30, []],
    [
      'each child until the next line, Santa and an unnamed turn left out',
      [santa(0), named(4, 'Emma'), santa(8), named(12, 'Leo'), named(15), santa(20)],
      30,
      [
        { startSeconds: 4, endSeconds: 8, name: 'Emma' },
        { startSeconds: 12, endSeconds: 15, name: 'Leo' },
      ],
    ],
    [
      'two lines of one child merge; the last lasts to the end',
      [santa(0), named(4, 'Emma'), named(6, 'Emma')],
      10,
      [{ startSeconds: 4, endSeconds: 10, name: 'Emma' }],
    ],
    ['a line after the end is dropped', [named(12, 'Emma')], 10, []],
  ])('%s', (_case, turns, duration, expected) => {
    expect(childTurns(turns, duration)).toEqual(expected);
  });

  it('names the child speaking at a moment, and nobody between turns', () => {
    // Arrange
    const turns = [{ startSeconds: 4, endSeconds: 8, name: 'Emma' }];

    // Act & Assert
    expect(speakingChild(turns, 5)).toBe('Emma');
    expect(speakingChild(turns, 8)).toBeUndefined();
    expect(speakingChild(undefined, 5)).toBeUndefined();
  });
});
