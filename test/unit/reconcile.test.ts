import { describe, expect, it } from 'vitest';
import { decideReconcile, type ReconcileBooking } from '../../functions/core/reconcile.ts';

const now = new Date('2026-12-24T23:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const rules = { afterSeconds: 900, maxRecoveryRuns: 3, paymentCheckWindowSeconds: 86_400 };

const paid: ReconcileBooking = {
  callStatus: 'scheduled',
  paymentStatus: 'paid',
  createdAt: ago(120),
  updatedAt: ago(60),
  scheduledAt: ago(30),
  paidAt: ago(100),
  paymentIntentId: 'pi_1',
  executionName: 'booking-1-v1',
  purchaseRecording: false,
  videoStatus: 'not_requested',
};
const emailedWithVideo: ReconcileBooking = {
  ...paid,
  callStatus: 'completed',
  transcriptEmailSentAt: ago(50),
  purchaseRecording: true,
  videoStatus: 'pending',
  audioKey: 'b1/audio.mp3',
};
const ahead = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
/** A change email recorded as owed `minutes` ago (core/change-emails.ts). */
const owed = (changeEmailOwed: 'callMoved' | 'callCancelled', minutes: number) => ({
  changeEmailOwed,
  changeEmailOwedAt: ago(minutes),
});
const unpaid: ReconcileBooking = {
  ...paid,
  callStatus: 'pending',
  paymentStatus: 'pending',
  executionName: undefined,
};

describe('what the reconciler does with a booking', () => {
  it.each([
    [
      'an unpaid booking with a PaymentIntent, older than the grace',
      unpaid,
      'NONE',
      'check_payment',
    ],
    ['an unpaid booking just made', { ...unpaid, createdAt: ago(5) }, 'NONE', 'none'],
    ['an abandoned booking from yesterday', { ...unpaid, createdAt: ago(25 * 60) }, 'NONE', 'none'],
    [
      'an unpaid booking without an intent',
      { ...unpaid, paymentIntentId: undefined },
      'NONE',
      'none',
    ],
    ['a cancelled booking', { ...paid, callStatus: 'cancelled' }, 'NONE', 'none'],
    [
      'a cancelled booking whose "cancelled" email is owed past the grace',
      { ...paid, callStatus: 'cancelled', ...owed('callCancelled', 20) },
      'NONE',
      'send_change_email',
    ],
    [
      'a cancelled and refunded booking whose "cancelled" email is owed (a late payment)',
      { ...paid, callStatus: 'cancelled', paymentStatus: 'refunded', ...owed('callCancelled', 20) },
      'NONE',
      'send_change_email',
    ],
    [
      'a cancelled booking whose "cancelled" email was owed a minute ago',
      { ...paid, callStatus: 'cancelled', ...owed('callCancelled', 1) },
      'NONE',
      'none',
    ],
    [
      'a cancelled unpaid hold: no "cancelled" email unless a payment lands',
      { ...unpaid, callStatus: 'cancelled', ...owed('callCancelled', 20) },
      'NONE',
      'none',
    ],
    [
      'a moved call whose "moved" email is owed past the grace, its run waiting',
      { ...paid, scheduledAt: ahead(120), ...owed('callMoved', 20) },
      'RUNNING',
      'send_change_email',
    ],
    [
      'a moved call whose "moved" email is owed, recently',
      { ...paid, scheduledAt: ahead(120), ...owed('callMoved', 5) },
      'RUNNING',
      'none',
    ],
    [
      'a "moved" email still owed when the call is already under way',
      { ...paid, callStatus: 'in_progress', ...owed('callMoved', 20) },
      'RUNNING',
      'none',
    ],
    [
      'a "moved" email owed after the data was erased',
      { ...paid, scheduledAt: ahead(120), dataErasedAt: ago(1), ...owed('callMoved', 20) },
      'RUNNING',
      'none',
    ],
    ['a paid booking never armed', { ...paid, executionName: undefined }, 'NONE', 'arm'],
    [
      'a paid booking just paid, not armed yet',
      { ...paid, executionName: undefined, paidAt: ago(2) },
      'NONE',
      'none',
    ],
    ['a scheduled call overdue with no run', paid, 'NONE', 'recover'],
    ['a scheduled call overdue whose run failed', paid, 'FAILED', 'recover'],
    ['a scheduled call with its run going', paid, 'RUNNING', 'none'],
    [
      'a scheduled call not yet due, confirmed',
      { ...paid, scheduledAt: ago(-60), confirmationEmailSentAt: ago(99) },
      'NONE',
      'none',
    ],
    [
      'a scheduled call not yet due whose confirmation never went',
      { ...paid, scheduledAt: ago(-60) },
      'NONE',
      'confirm',
    ],
    [
      'a call just paid, confirmation on its way',
      { ...paid, scheduledAt: ago(-60), paidAt: ago(1), updatedAt: ago(1) },
      'NONE',
      'none',
    ],
    [
      'a call in progress with no run',
      { ...paid, callStatus: 'in_progress' },
      'ABORTED',
      'recover',
    ],
    [
      'a call in progress that just changed',
      { ...paid, callStatus: 'in_progress', updatedAt: ago(1) },
      'NONE',
      'none',
    ],
    [
      'a queued call whose run timed out',
      { ...paid, callStatus: 'queued' },
      'TIMED_OUT',
      'recover',
    ],
    [
      'a completed call without its email',
      { ...paid, callStatus: 'completed' },
      'FAILED',
      'recover',
    ],
    [
      'a completed call, emailed',
      { ...paid, callStatus: 'completed', transcriptEmailSentAt: ago(50) },
      'SUCCEEDED',
      'none',
    ],
    [
      'a completed call whose child data was erased',
      { ...paid, callStatus: 'completed', dataErasedAt: ago(50) },
      'SUCCEEDED',
      'none',
    ],
    ['a bought video not made, no run', emailedWithVideo, 'SUCCEEDED', 'recover'],
    [
      'a video whose render run died',
      { ...emailedWithVideo, videoStatus: 'processing' },
      'FAILED',
      'recover',
    ],
    ['a bought video being made', emailedWithVideo, 'RUNNING', 'none'],
    [
      'a bought video, recently changed',
      { ...emailedWithVideo, updatedAt: ago(5) },
      'SUCCEEDED',
      'none',
    ],
    [
      'a video made and the parent told',
      { ...emailedWithVideo, videoStatus: 'completed', videoReadyEmailSentAt: ago(20) },
      'SUCCEEDED',
      'none',
    ],
    [
      'a video made, its email not sent',
      { ...emailedWithVideo, videoStatus: 'completed' },
      'FAILED',
      'recover',
    ],
    [
      'a video that failed (final until the parent asks again)',
      { ...emailedWithVideo, videoStatus: 'failed' },
      'SUCCEEDED',
      'none',
    ],
    [
      'a bought video whose audio was never saved',
      { ...emailedWithVideo, audioKey: undefined },
      'SUCCEEDED',
      'none',
    ],
    [
      'a bought video after the child data was erased',
      { ...emailedWithVideo, dataErasedAt: ago(20) },
      'SUCCEEDED',
      'none',
    ],
    ['a failed call still paid', { ...paid, callStatus: 'failed' }, 'FAILED', 'recover'],
    [
      'a failed call refunded and told',
      {
        ...paid,
        callStatus: 'failed',
        paymentStatus: 'refunded',
        notCompletedEmailSentAt: ago(50),
      },
      'SUCCEEDED',
      'none',
    ],
    ['stuck after three recovery runs', { ...paid, recoveryRuns: 3 }, 'FAILED', 'escalate'],
    [
      'stuck, and support already asked',
      { ...paid, recoveryRuns: 3, supportNeededAt: ago(10) },
      'FAILED',
      'none',
    ],
  ] as const)('%s', (_, booking, execution, expected) => {
    expect(decideReconcile(booking, execution, now, rules).kind).toBe(expected);
  });
});
