import { describe, expect, it } from 'vitest';
import { framesPerLambda } from '../../functions/core/render-split.ts';

describe('framesPerLambda', () => {
  it.each([
    // [frames, concurrent lambdas, frames per lambda, why]
    [18_000, 10, 2_000, 'a 5-minute call in a new account: 9 renderers, one wave'],
    [18_000, 100, 182, 'after a quota raise to 100: 99 renderers'],
    [18_000, 1_000, 90, 'never more than Remotion’s 200 functions per render'],
    [600, 10, 67, 'a 10-second clip'],
    [100, 10, 20, 'never fewer than 20 frames per function'],
    [12, 10, 12, 'a clip shorter than the floor is one chunk'],
  ])(
    'splits %i frames with %i concurrent lambdas into %i per lambda (%s)',
    (frames, c, expected) => {
      expect(framesPerLambda(frames, c)).toBe(expected);
    },
  );

  it.each([
    [18_000, 10],
    [18_000, 90],
    [54_000, 10],
  ])('keeps %i frames within %i concurrent functions, orchestrator included', (frames, c) => {
    const chunks = Math.ceil(frames / framesPerLambda(frames, c));

    expect(chunks + 1).toBeLessThanOrEqual(c);
  });

  it.each([
    [0, 10],
    [1.5, 10],
    [100, 1],
  ])('refuses %d frames with %d lambdas', (frames, c) => {
    expect(() => framesPerLambda(frames, c)).toThrow(RangeError);
  });
});
