import { formatEventTime } from '../../../functions/core/date-format.ts';
import { type ProgressStep, progressSteps } from '../../../functions/core/progress-steps.ts';
import { detectedTimeZone } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookingView, TimelineEvent } from '../lib/types.ts';

const emailWords: Record<string, string> = {
  bookingConfirmation: 'Confirmation email sent',
  callReminder: 'Reminder email sent',
  callTranscript: 'Transcript emailed to you',
  callNotCompleted: 'We emailed you about the call',
  callMoved: 'We emailed you the new time',
  callCancelled: 'We emailed you about the cancellation',
};

/** The audit trail's event types in a parent's words. */
export function describeEvent(event: TimelineEvent): string | undefined {
  switch (event.type) {
    case 'booking_created':
      return 'Booking started';
    case 'payment_intent_created':
      return undefined;
    case 'payment_succeeded':
      return 'Payment received';
    case 'payment_failed':
      return 'A payment attempt was declined';
    case 'payment_canceled':
      return 'Unpaid booking released';
    case 'payment_refunded':
      return 'Refunded in full';
    case 'call_scheduled':
      return 'Santa has the call in his diary';
    case 'call_started':
      return 'Santa is getting ready to call right now';
    case 'booking_rescheduled':
      return 'Call moved to a new time';
    case 'booking_cancelled':
      return 'Booking cancelled';
    case 'details_corrected':
      return 'Phone number or child details corrected';
    case 'email_sent':
      return emailWords[event.detail?.template ?? ''] ?? 'Email sent';
    case 'voice_note_transcribed':
      return 'Santa listened to your voice note';
    case 'call_queued':
      return 'Santa is picking up the phone';
    case 'call_placed':
      return 'Santa is calling';
    case 'call_attempt_unanswered':
      return event.detail?.final ? 'Nobody answered' : 'Nobody answered — Santa will try again';
    case 'call_attempt_failed':
      return 'The call could not be connected';
    case 'call_completed':
      return 'Call completed';
    case 'call_not_answered':
      return 'Santa could not reach you';
    case 'call_failed':
      return event.detail?.reason === 'outside_calling_hours'
        ? 'Too late in the day for Santa to call'
        : 'The call could not be made';
    case 'call_dialling':
    case 'call_token_parked':
    case 'call_records_saved':
    case 'reconciled':
    case 'support_needed':
      // Steps of the machinery, not news for a parent.
      return undefined;
    case 'after_call_problem':
      return 'The transcript is taking longer than usual — we are on it';
    case 'after_call_problem_resolved':
      return undefined;
    case 'payment_partially_refunded':
      return 'Part of the payment was refunded';
    case 'child_data_erased':
      return "Your child's details were deleted";
    case 'recording_purchased':
      return 'Recording bought — the video is on its way';
    case 'recording_payment_failed':
      return 'A payment for the recording was declined';
    case 'recording_payment_refunded':
      return 'The recording payment was refunded';
    case 'share_created':
      return 'Share link made';
    case 'share_revoked':
      return event.detail?.reason === 'data_erased'
        ? 'Share links stopped with the deletion'
        : 'Share link stopped';
    case 'recording_payment_intent_created':
    case 'recording_payment_canceled':
    case 'recording_payment_not_accepted':
      return undefined;
    case 'video_rendering':
    case 'video_started':
      return 'The video is being made';
    case 'video_completed':
    case 'video_ready':
      return 'The video is ready';
    default: {
      const words = event.type.replaceAll('_', ' ');
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
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
  const zone = detectedTimeZone();
  const ended = ['cancelled', 'failed', 'no_answer'].includes(booking.callStatus);
  return (
    <>
      {ended ? null : (
        <ol className="milestones" aria-label="Progress">
          {milestones(booking).map((item) => (
            <li key={item.key} className={`milestone milestone-${item.state}`}>
              <span className="milestone-dot" aria-hidden="true">
                {item.state === 'done' ? '✓' : ''}
              </span>
              <span className="milestone-label">
                {item.label}
                <span className="visually-hidden">
                  {item.state === 'done'
                    ? ' — done'
                    : item.state === 'current'
                      ? ' — in progress'
                      : ' — to come'}
                </span>
              </span>
              <span className="milestone-time">
                {item.at ? (
                  formatEventTime(item.at, zone, siteLocale(), new Date())
                ) : item.dueAt && item.state === 'upcoming' ? (
                  <>
                    due{' '}
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
        <summary>Everything that happened</summary>
        <ol>
          {booking.timeline.map((event, index) => {
            const words = describeEvent(event);
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
