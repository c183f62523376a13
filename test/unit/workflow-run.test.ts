import { describe, expect, it } from 'vitest';
import { decideAfterCall } from '../../functions/core/after-call.ts';
import { decideRun, type RunBooking } from '../../functions/core/workflow-run.ts';

const hours = { callingHoursStartMinute: 8 * 60, callingHoursEndMinute: 21 * 60 };
// 2026-12-24 18:00 in New York (23:00 UTC): inside calling hours there.
const evening = new Date('2026-12-24T23:00:00Z');
// 2026-12-25 02:30 UTC = 21:30 in New York: after calling hours.
const tooLate = new Date('2026-12-25T02:30:00Z');

const paid: RunBooking = {
  version: 2,
  callStatus: 'scheduled',
  paymentStatus: 'paid',
  callNow: false,
  scheduledAt: '2026-12-24T23:00:00Z',
  timezone: 'America/New_York',
  purchaseRecording: false,
  videoStatus: 'not_requested',
};
const emailedWithVideo: RunBooking = {
  ...paid,
  callStatus: 'completed',
  transcriptEmailSentAt: '2026-12-24T23:10:00Z',
  purchaseRecording: true,
  videoStatus: 'pending',
  audioKey: 'b1/audio.mp3',
};

describe('where a workflow run goes', () => {
  it.each([
    ['no booking', undefined, 2, 'start', evening, { action: 'stop', reason: 'no_booking' }],
    ['a rescheduled booking', paid, 1, 'start', evening, { action: 'stop', reason: 'rescheduled' }],
    [
      'a cancelled booking',
      { ...paid, callStatus: 'cancelled' },
      2,
      'dial',
      evening,
      { action: 'stop', reason: 'cancelled' },
    ],
    [
      'an unpaid booking',
      { ...paid, paymentStatus: 'pending' },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'not_paid' },
    ],
    [
      'a paid booking two hours ahead',
      paid,
      2,
      'start',
      new Date('2026-12-24T21:00:00Z'),
      { action: 'call', reminderDue: true },
    ],
    [
      'a reminder already sent',
      { ...paid, reminderSentAt: '2026-12-24T22:00:00Z' },
      2,
      'start',
      new Date('2026-12-24T21:00:00Z'),
      { action: 'call', reminderDue: false },
    ],
    [
      'call now',
      { ...paid, callNow: true },
      2,
      'start',
      new Date('2026-12-24T21:00:00Z'),
      { action: 'call', reminderDue: false },
    ],
    ['dial time inside hours', paid, 2, 'dial', evening, { action: 'call', reminderDue: false }],
    [
      'dial time after hours, parent did not agree to wait',
      paid,
      2,
      'dial',
      tooLate,
      { action: 'end_unsuccessful', outcome: 'failed', reason: 'outside_calling_hours' },
    ],
    [
      'a retry after hours ends as the attempts before it',
      { ...paid, callStatus: 'queued', lastOutcome: 'busy' },
      2,
      'dial',
      tooLate,
      { action: 'end_unsuccessful', outcome: 'busy', reason: 'outside_calling_hours' },
    ],
    [
      'dial time after hours, parent agreed to wait',
      { ...paid, waitForCallingHours: true },
      2,
      'dial',
      tooLate,
      { action: 'wait_for_hours', opensAt: '2026-12-25T13:00:00.000Z' },
    ],
    [
      'a call placed before a crash',
      { ...paid, callStatus: 'in_progress', conversationId: 'conv_1' },
      2,
      'start',
      evening,
      { action: 'resume_call' },
    ],
    [
      'a completed call without its email',
      { ...paid, callStatus: 'completed' },
      2,
      'start',
      evening,
      { action: 'after_call' },
    ],
    [
      'a completed call, emailed',
      { ...paid, callStatus: 'completed', transcriptEmailSentAt: '2026-12-24T23:10:00Z' },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
    [
      'a completed call whose child data was erased',
      { ...paid, callStatus: 'completed', dataErasedAt: '2026-12-24T23:10:00Z' },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
    [
      'a completed call, emailed, its bought video not made',
      emailedWithVideo,
      2,
      'start',
      evening,
      { action: 'render_video' },
    ],
    [
      'a video render that was under way when a run died',
      { ...emailedWithVideo, videoStatus: 'processing' },
      2,
      'start',
      evening,
      { action: 'render_video' },
    ],
    [
      'a bought video, but the transcript email is owed first',
      { ...emailedWithVideo, transcriptEmailSentAt: undefined },
      2,
      'start',
      evening,
      { action: 'after_call' },
    ],
    [
      'a video already made and emailed',
      {
        ...emailedWithVideo,
        videoStatus: 'completed',
        videoReadyEmailSentAt: '2026-12-24T23:20:00Z',
      },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
    [
      'a video made whose email did not go (the render step answers at once)',
      { ...emailedWithVideo, videoStatus: 'completed' },
      2,
      'start',
      evening,
      { action: 'render_video' },
    ],
    [
      'a failed video (the parent asks again from the recording page)',
      { ...emailedWithVideo, videoStatus: 'failed' },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
    [
      'a bought video after an erase',
      { ...emailedWithVideo, dataErasedAt: '2026-12-24T23:20:00Z' },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
    [
      'an unanswered call still paid',
      { ...paid, callStatus: 'no_answer', lastOutcome: 'voicemail' },
      2,
      'start',
      evening,
      { action: 'end_unsuccessful', outcome: 'voicemail', reason: 'not_reached' },
    ],
    [
      'a failed call refunded but not yet told',
      { ...paid, callStatus: 'failed', paymentStatus: 'refunded' },
      2,
      'start',
      evening,
      { action: 'end_unsuccessful', outcome: 'failed', reason: 'not_reached' },
    ],
    [
      'a failed call refunded and told',
      {
        ...paid,
        callStatus: 'failed',
        paymentStatus: 'refunded',
        notCompletedEmailSentAt: '2026-12-24T23:10:00Z',
      },
      2,
      'start',
      evening,
      { action: 'stop', reason: 'already_finished' },
    ],
  ] as const)('%s', (_, booking, version, stage, now, expected) => {
    expect(decideRun(booking, version, stage, now, hours)).toEqual(expected);
  });
});

describe('what follows a call attempt', () => {
  const inProgress = { version: 2, callStatus: 'in_progress', attempts: 1 } as const;
  it.each([
    ['overtaken', inProgress, 3, 'completed', 3, { next: 'stop' }],
    ['completed', inProgress, 2, 'completed', 3, { next: 'save', complete: true }],
    [
      'completed, decided before',
      { ...inProgress, callStatus: 'completed' },
      2,
      'completed',
      3,
      { next: 'save', complete: false },
    ],
    ['busy with retries left', inProgress, 2, 'busy', 3, { next: 'retry', requeue: true }],
    [
      'voicemail on the last attempt',
      { ...inProgress, attempts: 4 },
      2,
      'voicemail',
      3,
      { next: 'give_up', recordOutcome: true },
    ],
    ['failed', inProgress, 2, 'failed', 3, { next: 'give_up', recordOutcome: true }],
    [
      'a retry decided before',
      { ...inProgress, callStatus: 'queued', lastOutcome: 'no_answer' },
      2,
      'no_answer',
      3,
      { next: 'retry', requeue: false },
    ],
    ['no retries allowed', inProgress, 2, 'busy', 0, { next: 'give_up', recordOutcome: true }],
    [
      'a cancelled booking',
      { ...inProgress, callStatus: 'cancelled' },
      2,
      'busy',
      3,
      { next: 'stop' },
    ],
  ] as const)('%s', (_, booking, version, outcome, maxRetries, expected) => {
    expect(decideAfterCall(booking, version, outcome, maxRetries)).toEqual(expected);
  });
});
