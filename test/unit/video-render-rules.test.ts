import { describe, expect, it } from 'vitest';
import { stillOwed } from '../../functions/core/booking.ts';
import { canMoveVideo, type VideoStatus } from '../../functions/core/booking-status.ts';
import {
  decideVideoRender,
  isTimelyRenderReport,
  videoKeyFor,
  videoRequestProblem,
  videoRunName,
} from '../../functions/core/video-render.ts';

const bought = {
  bookingId: 'b1',
  callStatus: 'completed',
  purchaseRecording: true,
  videoStatus: 'pending',
  audioKey: 'calls/b1/audio.mp3',
} as const;

describe('what the render step does', () => {
  it.each([
    [
      'a bought video, first render',
      bought,
      { action: 'render', attempt: 1, outKey: 'videos/b1/santa-call.mp4' },
    ],
    [
      'the retry after a failed render',
      { ...bought, videoStatus: 'processing', videoRenderAttempts: 1 },
      { action: 'render', attempt: 2, outKey: 'videos/b1/santa-call.mp4' },
    ],
    [
      'a video made before (a resumed run)',
      { ...bought, videoStatus: 'completed', videoKey: 'videos/b1/santa-call.mp4' },
      { action: 'already_made' },
    ],
    [
      'not bought',
      { ...bought, purchaseRecording: false, videoStatus: 'not_requested' },
      { action: 'skip' },
    ],
    ['no saved audio', { ...bought, audioKey: undefined }, { action: 'skip' }],
    ['erased meanwhile', { ...bought, dataErasedAt: '2026-12-24T23:30:00Z' }, { action: 'skip' }],
    [
      'made, then erased',
      {
        ...bought,
        videoStatus: 'completed',
        videoKey: 'videos/b1/santa-call.mp4',
        dataErasedAt: '2026-12-25T00:00:00Z',
      },
      { action: 'skip' },
    ],
    [
      'failed (asked again only through a new run)',
      { ...bought, videoStatus: 'failed' },
      { action: 'skip' },
    ],
  ] as const)('%s', (_, booking, expected) => {
    expect(decideVideoRender(booking)).toEqual(expected);
  });

  it('writes one key per booking, so a repeated render overwrites instead of adding', () => {
    expect(videoKeyFor('01JBOOK')).toBe('videos/01JBOOK/santa-call.mp4');
    expect(videoRunName('01JBOOK', 2, 3)).toBe('booking-01JBOOK-v2-video3');
  });
});

describe('what a booking still owes of its video', () => {
  it.each([
    ['bought, not made', bought, true],
    ['being made', { ...bought, videoStatus: 'processing' }, true],
    ['made, parent not told', { ...bought, videoStatus: 'completed' }, true],
    ['made and told', { ...bought, videoStatus: 'completed', videoReadyEmailSentAt: 'x' }, false],
    ['failed', { ...bought, videoStatus: 'failed' }, false],
    ['not bought', { ...bought, purchaseRecording: false, videoStatus: 'not_requested' }, false],
    ['no audio saved', { ...bought, audioKey: undefined }, false],
    ['erased', { ...bought, dataErasedAt: 'x' }, false],
  ] as const)('%s → %s', (_, booking, owed) => {
    expect(stillOwed.video(booking)).toBe(owed);
  });
});

describe('whether a parent may ask for the video now', () => {
  it.each([
    ['a completed call, not bought', { ...bought, videoStatus: 'not_requested' }, undefined],
    ['a failed video', { ...bought, videoStatus: 'failed' }, undefined],
    [
      'a call not yet made',
      { ...bought, callStatus: 'scheduled', videoStatus: 'not_requested' },
      'call_not_completed',
    ],
    [
      'a call that failed',
      { ...bought, callStatus: 'failed', videoStatus: 'not_requested' },
      'call_not_completed',
    ],
    ['erased', { ...bought, videoStatus: 'failed', dataErasedAt: 'x' }, 'data_erased'],
    ['no audio', { ...bought, videoStatus: 'not_requested', audioKey: undefined }, 'no_recording'],
    ['made', { ...bought, videoStatus: 'completed' }, 'already_made'],
    ['pending', bought, 'being_made'],
    ['processing', { ...bought, videoStatus: 'processing' }, 'being_made'],
  ] as const)('%s → %s', (_, booking, problem) => {
    expect(videoRequestProblem(booking)).toBe(problem);
  });
});

describe('the video status moves only forward, or back to pending when asked again', () => {
  it.each([
    ['not_requested', 'pending', true],
    ['not_requested', 'processing', false],
    ['pending', 'processing', true],
    ['processing', 'processing', true],
    ['processing', 'completed', true],
    ['processing', 'failed', true],
    ['failed', 'pending', true],
    ['failed', 'completed', false],
    ['completed', 'failed', false],
    ['completed', 'pending', false],
  ] as const satisfies readonly (readonly [VideoStatus, VideoStatus, boolean])[])(
    '%s → %s: %s',
    (from, to, allowed) => {
      expect(canMoveVideo(from, to)).toBe(allowed);
    },
  );
});

describe("a renderer's report is believed only near its render", () => {
  const now = new Date('2026-12-24T23:00:00Z');
  it.each([
    ['just started', '2026-12-24T22:59:00Z', true],
    ['started two hours ago', '2026-12-24T21:00:00Z', true],
    ['started over two hours ago (a replay)', '2026-12-24T20:59:59Z', false],
    ['four minutes ahead (clock skew)', '2026-12-24T23:04:00Z', true],
    ['six minutes ahead', '2026-12-24T23:06:00Z', false],
    ['not a time', 'yesterday', false],
  ])('%s → %s', (_, startedAt, timely) => {
    expect(isTimelyRenderReport(startedAt, now)).toBe(timely);
  });
});
