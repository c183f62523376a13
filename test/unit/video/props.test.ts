import { describe, expect, it } from 'vitest';
import { durationInFrames, santaCallVideo, santaCallVideoProps } from '../../../video/props.ts';

const valid = {
  childName: '  Ada  ',
  audioUrl: 'https://bucket.s3.amazonaws.com/calls/x.mp3?X-Amz-Signature=abc',
  durationSeconds: 2.5,
  peaks: [0, 0.5, 1],
  santaTurns: [{ startSeconds: 0, endSeconds: 1.2 }],
};

describe('santaCallVideoProps', () => {
  it('accepts valid props and trims the name', () => {
    expect(santaCallVideoProps.parse(valid)).toEqual({ ...valid, childName: 'Ada' });
    expect(santaCallVideoProps.parse({ ...valid, santaTurns: [], peaks: [] }).peaks).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a blank name', { childName: '   ' }],
    ['a name over 60 characters', { childName: 'x'.repeat(61) }],
    ['a relative audio URL', { audioUrl: '/calls/x.mp3' }],
    ['a zero duration', { durationSeconds: 0 }],
    ['a call over 30 minutes', { durationSeconds: 1800.5 }],
    ['a peak above 1', { peaks: [0, 1.01] }],
    ['a negative peak', { peaks: [-0.1] }],
    ['a turn ending before it starts', { santaTurns: [{ startSeconds: 3, endSeconds: 2 }] }],
    ['a negative turn start', { santaTurns: [{ startSeconds: -1, endSeconds: 2 }] }],
    ['missing turns', { santaTurns: undefined }],
  ])('refuses %s', (_, change) => {
    expect(santaCallVideoProps.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('is 1080×1920 at 60 fps, one frame per 1/60 s rounded up', () => {
    expect(santaCallVideo).toEqual({ id: 'SantaCallVideo', width: 1080, height: 1920, fps: 60 });
    expect(durationInFrames(2)).toBe(120);
    expect(durationInFrames(2.001)).toBe(121);
    expect(durationInFrames(0.001)).toBe(1);
  });
});
