import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatEventTime } from '../../../functions/core/date-format.ts';
import { type ProgressStep, progressSteps } from '../../../functions/core/progress-steps.ts';
import { detectedTimeZone } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView, TimelineEvent } from '../lib/types.ts';

/** The emails the audit trail names, by template: each has its words in `status.events.email`. */
const emailTemplates = new Set([
  'bookingConfirmation',
  'callReminder',
  'callTranscript',
  'callNotCompleted',
  'callMoved',
  'callCancelled',
]);

/** Audit trail event types a parent reads about, each with its words in `status.events`. */
const eventKeys: Readonly<Record<string, string>> = {
  booking_created: 'bookingCreated',
  payment_succeeded: 'paymentSucceeded',
  payment_failed: 'paymentFailed',
  payment_canceled: 'paymentCanceled',
  payment_refunded: 'paymentRefunded',
  payment_partially_refunded: 'paymentPartiallyRefunded',
  call_scheduled: 'callScheduled',
  call_started: 'callStarted',
  booking_rescheduled: 'bookingRescheduled',
  booking_cancelled: 'bookingCancelled',
  details_corrected: 'detailsCorrected',
  voice_note_transcribed: 'voiceNoteTranscribed',
  call_queued: 'callQueued',
  call_placed: 'callPlaced',
  call_attempt_failed: 'callAttemptFailed',
  call_completed: 'callCompleted',
  call_not_answered: 'callNotAnswered',
  after_call_problem: 'afterCallProblem',
  child_data_erased: 'childDataErased',
  recording_purchased: 'recordingPurchased',
  recording_payment_failed: 'recordingPaymentFailed',
  recording_payment_refunded: 'recordingPaymentRefunded',
  share_created: 'shareCreated',
  video_rendering: 'videoRendering',
  video_started: 'videoRendering',
  video_completed: 'videoReady',
  video_ready: 'videoReady',
};

/** Steps of the machinery, not news for a parent. */
const silentEvents = new Set([
  'payment_intent_created',
  'call_dialling',
  'call_token_parked',
  'call_records_saved',
  'reconciled',
  'support_needed',
  'after_call_problem_resolved',
  'recording_payment_intent_created',
  'recording_payment_canceled',
  'recording_payment_not_accepted',
  // Support's: a criterion of the call's analysis failed (core/call-analysis.ts). The API leaves
  // it out of a parent's answer too; this keeps it off the page whatever the answer holds.
  'call_flagged',
]);

/** The audit trail's event types in a parent's words, in the site's language. */
export function describeEvent(event: TimelineEvent, t: TFunction<'status'>): string | undefined {
  if (silentEvents.has(event.type)) return undefined;
  switch (event.type) {
    case 'email_sent': {
      const template = event.detail?.template ?? '';
      return emailTemplates.has(template) ? t(`events.email.${template}`) : t('events.email.other');
    }
    case 'call_attempt_unanswered':
      return event.detail?.final ? t('events.nobodyAnswered') : t('events.nobodyAnsweredRetry');
    case 'call_failed':
      return event.detail?.reason === 'outside_calling_hours'
        ? t('events.callFailedLate')
        : t('events.callFailed');
    case 'share_revoked':
      return event.detail?.reason === 'data_erased'
        ? t('events.shareRevokedErased')
        : t('events.shareRevoked');
    default: {
      const key = eventKeys[event.type];
      if (key) return t(`events.${key}`);
      // A new kind of event the site does not know yet: its type in plain words.
      const words = event.type.replaceAll('_', ' ');
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
  }
}

/** A progress step's words: by its key, and for two steps by what they are waiting for. */
function stepLabel(step: ProgressStep, callNow: boolean, t: TFunction<'status'>): string {
  switch (step.key) {
    case 'paid':
      return t('steps.paid');
    case 'scheduled':
      return callNow ? t('steps.startingNow') : t('steps.scheduled');
    case 'reminder':
      return step.state === 'done' ? t('steps.reminderSent') : t('steps.reminderDue');
    case 'calling':
      return t('steps.calling');
    case 'completed':
      return t('steps.completed');
    case 'recording':
      return t('steps.recording');
    case 'video-rendering':
      return t('steps.videoRendering');
    case 'video-ready':
      return t('steps.videoReady');
    default:
      return step.label;
  }
}

/** The booking's steps: done or current only from what happened (`core/progress-steps.ts`). */
export function milestones(booking: BookingView): ProgressStep[] {
  return progressSteps({
    callStatus: booking.callStatus,
    paymentStatus: booking.paymentStatus,
    videoStatus: booking.videoStatus,
    purchaseRecording: booking.purchaseRecording,
    callNow: booking.schedule.callNow,
    scheduledAt: booking.schedule.scheduledAt,
    timeline: booking.timeline,
  });
}

export function Timeline({ booking }: { readonly booking: BookingView }) {
  const { t } = useTranslation('status');
  const zone = detectedTimeZone();
  const ended = ['cancelled', 'failed', 'no_answer'].includes(booking.callStatus);
  return (
    <>
      {ended ? null : (
        <ol className="milestones" aria-label={t('progress')}>
          {milestones(booking).map((item) => (
            <li key={item.key} className={`milestone milestone-${item.state}`}>
              <span className="milestone-dot" aria-hidden="true">
                {item.state === 'done' ? '✓' : ''}
              </span>
              <span className="milestone-label">
                {stepLabel(item, booking.schedule.callNow, t)}
                <span className="visually-hidden">
                  {item.state === 'done'
                    ? t('steps.stateDone')
                    : item.state === 'current'
                      ? t('steps.stateCurrent')
                      : t('steps.stateUpcoming')}
                </span>
              </span>
              <span className="milestone-time">
                {item.at ? (
                  formatEventTime(item.at, zone, siteLocale(), new Date())
                ) : item.dueAt && item.state === 'upcoming' ? (
                  <>
                    {t('steps.due')}{' '}
                    <time dateTime={item.dueAt}>
                      {formatEventTime(item.dueAt, zone, siteLocale(), new Date())}
                    </time>
                  </>
                ) : (
                  '\u00a0'
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <details className="activity" open={ended}>
        <summary>{t('everything')}</summary>
        <ol>
          {booking.timeline.map((event, index) => {
            const words = describeEvent(event, t);
            return words ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the audit trail only grows at its end
              <li key={`${event.type}-${event.at}-${index}`}>
                <span>{words}</span>{' '}
                <time dateTime={event.at}>
                  {formatEventTime(event.at, zone, siteLocale(), new Date())}
                </time>
              </li>
            ) : null;
          })}
        </ol>
      </details>
    </>
  );
}
