import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCallTime } from '../../../functions/core/date-format.ts';
import { AddToCalendar, calendarWorthy } from '../components/AddToCalendar.tsx';
import { BookingSummary } from '../components/BookingSummary.tsx';
import { Page } from '../components/Page.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { useBookingLanguage } from '../lib/booking-language.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
import { isSettled } from '../lib/settled.ts';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookingView } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { viewChildNames } from '../lib/view-children.ts';
import { NotFound } from './NotFound.tsx';

/** What is happening with the video of a completed call, as a sentence ('' if none). */
export function videoSentence(booking: BookingView, t: TFunction<'status'>): string {
  // Erased: the recording and its video are gone, whatever the status says.
  if (booking.child.name === null) return '';
  switch (booking.videoStatus) {
    case 'pending':
      return t('video.pending');
    case 'processing':
      return booking.videoProgress === null
        ? t('video.processing')
        : t('video.processingPercent', { percent: Math.round(booking.videoProgress) });
    case 'completed':
      return t('video.completed');
    case 'failed':
      return t('video.failed');
    default:
      return '';
  }
}

/**
 * One sentence for where the booking is now, announced politely as it changes, naming every
 * child ("Santa will call Emma and Leo on …") in the site's language.
 */
export function statusSentence(booking: BookingView, t: TFunction<'status'>): string {
  const names = viewChildNames(booking, siteLocale()) ?? t('yourChild');
  switch (booking.callStatus) {
    case 'pending':
      return booking.paymentStatus === 'paid' ? t('sentence.paid') : t('sentence.waitingPayment');
    case 'scheduled':
      return booking.schedule.callNow
        ? t('sentence.aboutToCall', { names })
        : t('sentence.scheduled', {
            names,
            when: formatCallTime(
              booking.schedule.scheduledAt,
              booking.schedule.timezone,
              siteLocale(),
            ),
          });
    case 'queued':
      return t('sentence.queued', { names });
    case 'in_progress':
      return t('sentence.inProgress', { names });
    case 'completed':
      return [t('sentence.completed', { names }), videoSentence(booking, t)]
        .filter(Boolean)
        .join(' ');
    case 'cancelled':
      return booking.paymentStatus === 'refunded'
        ? t('sentence.cancelledRefunded')
        : t('sentence.cancelled');
    case 'no_answer':
      return t('sentence.noAnswer');
    case 'failed':
      return t('sentence.failed');
    default:
      return t('sentence.checking');
  }
}

export default function Success({ callId }: { readonly callId: string }) {
  const { t } = useTranslation('status');
  // Polls until nothing more will change: the call is over and no video is being made.
  const { load, token } = useBooking(callId, {
    pollMs: 3000,
    keepPolling: (b) => !isSettled(b),
  });
  const booking = load.state === 'ready' ? load.booking : undefined;
  useBookingLanguage(booking);
  if (load.state === 'not_found') return <NotFound what="booking" />;
  return (
    <Page
      title={t('title')}
      heading={booking?.callStatus === 'completed' ? t('heading.called') : t('heading.booked')}
    >
      <p className="lead live-status" aria-live="polite">
        {booking
          ? statusSentence(booking, t)
          : load.state === 'failed'
            ? load.message
            : t('loading')}
      </p>
      <section className="card timeline-card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('progress')}</h2>
        {booking ? <Timeline booking={booking} /> : <div className="timeline-placeholder" />}
      </section>
      {booking ? (
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('yourBooking')}</h2>
          <BookingSummary booking={booking} />
          {booking.dataErased ? <p data-testid="data-erased">{t('erased')}</p> : null}
          <p className="actions">
            {/* Erased: the transcript and recording are gone, so nothing leads to them. */}
            {booking.callStatus === 'completed' && !booking.dataErased ? (
              <Link
                to={`/recording/${callId}${tokenFragment(token)}`}
                className="button button-primary"
              >
                {booking.purchaseRecording ? t('listen') : t('readTranscript')}
              </Link>
            ) : null}
            {calendarWorthy(booking) ? <AddToCalendar booking={booking} /> : null}
            <Link
              to={`/manage/${callId}${tokenFragment(token)}`}
              className="button button-secondary"
            >
              {t('manage')}
            </Link>
          </p>
          <p className="hint">{t('keepLink')}</p>
        </section>
      ) : null}
    </Page>
  );
}
