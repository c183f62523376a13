import { describe, expect, it } from 'vitest';
import { type ProgressFacts, progressSteps } from '../../functions/core/progress-steps.ts';

const callAt = '2026-12-24T17:00:00.000Z';
const base: ProgressFacts = {
  callStatus: 'scheduled',
  paymentStatus: 'paid',
  videoStatus: 'not_requested',
  purchaseRecording: false,
  callNow: false,
  scheduledAt: callAt,
  timeline: [
    { type: 'booking_created', at: '2026-12-24T09:00:00.000Z' },
    { type: 'payment_succeeded', at: '2026-12-24T09:01:00.000Z' },
    { type: 'call_scheduled', at: '2026-12-24T09:01:05.000Z' },
  ],
};
const reminder = {
  type: 'email_sent',
  at: '2026-12-24T16:00:00.000Z',
  detail: { template: 'callReminder' },
};
const queued = { type: 'call_queued', at: '2026-12-24T17:00:00.000Z' };

/** `key:state` for each step, in order. */
const states = (facts: Partial<ProgressFacts>) =>
  progressSteps({ ...base, ...facts }).map((step) => `${step.key}:${step.state}`);

describe('progressSteps: a step is done or current only from what happened', () => {
  it.each<[string, Partial<ProgressFacts>, string[]]>([
    [
      'waiting for the payment',
      { callStatus: 'pending', paymentStatus: 'pending', timeline: base.timeline.slice(0, 1) },
      [
        'paid:current',
        'scheduled:upcoming',
        'reminder:upcoming',
        'calling:upcoming',
        'completed:upcoming',
      ],
    ],
    [
      'paid, not yet in the diary',
      { callStatus: 'pending', timeline: base.timeline.slice(0, 2) },
      [
        'paid:done',
        'scheduled:current',
        'reminder:upcoming',
        'calling:upcoming',
        'completed:upcoming',
      ],
    ],
    [
      'scheduled hours before the reminder: nothing is current (the defect: "Reminder sent" was)',
      {},
      [
        'paid:done',
        'scheduled:done',
        'reminder:upcoming',
        'calling:upcoming',
        'completed:upcoming',
      ],
    ],
    [
      'the reminder sent, the call still due',
      { timeline: [...base.timeline, reminder] },
      ['paid:done', 'scheduled:done', 'reminder:done', 'calling:upcoming', 'completed:upcoming'],
    ],
    [
      'queued for a line',
      { callStatus: 'queued', timeline: [...base.timeline, reminder, queued] },
      ['paid:done', 'scheduled:done', 'reminder:done', 'calling:current', 'completed:upcoming'],
    ],
    [
      'ringing without a reminder (booked less than an hour ahead): no reminder step',
      { callStatus: 'in_progress', timeline: [...base.timeline, queued] },
      ['paid:done', 'scheduled:done', 'calling:current', 'completed:upcoming'],
    ],
    [
      'completed, with the recording and its video being made',
      {
        callStatus: 'completed',
        purchaseRecording: true,
        videoStatus: 'processing',
        timeline: [...base.timeline, reminder, queued, { type: 'call_completed', at: callAt }],
      },
      [
        'paid:done',
        'scheduled:done',
        'reminder:done',
        'calling:done',
        'completed:done',
        'recording:done',
        'video-rendering:current',
        'video-ready:upcoming',
      ],
    ],
    [
      'call now: no reminder, the call starting',
      { callNow: true, callStatus: 'queued', timeline: [...base.timeline, queued] },
      ['paid:done', 'scheduled:done', 'calling:current', 'completed:upcoming'],
    ],
  ])('%s', (_, facts, expected) => {
    expect(states(facts)).toEqual(expected);
  });

  it('gives the upcoming reminder and call their due times, and the done reminder its time', () => {
    const before = progressSteps(base);
    const after = progressSteps({ ...base, timeline: [...base.timeline, reminder] });

    expect(before.find((step) => step.key === 'reminder')).toMatchObject({
      label: 'Reminder email (an hour before)',
      dueAt: '2026-12-24T16:00:00.000Z',
    });
    expect(before.find((step) => step.key === 'calling')?.dueAt).toBe(callAt);
    expect(after.find((step) => step.key === 'reminder')).toMatchObject({
      label: 'Reminder sent',
      at: reminder.at,
      dueAt: undefined,
    });
  });
});
