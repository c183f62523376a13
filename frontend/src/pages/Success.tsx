import { formatCallTime } from '../../../functions/core/date-format.ts';
import { AddToCalendar, calendarWorthy } from '../components/AddToCalendar.tsx';
import { BookingSummary } from '../components/BookingSummary.tsx';
import { Page } from '../components/Page.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
import { isSettled } from '../lib/settled.ts';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookingView } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { NotFound } from './NotFound.tsx';

/** What is happening with the video of a completed call, as a sentence to append ('' if none). */
export function videoSentence(booking: BookingView): string {
  // Erased: the recording and its video are gone, whatever the status says.
  if (booking.child.name === null) return '';
  switch (booking.videoStatus) {
    case 'pending':
      return ' Your video is on its way.';
    case 'processing':
      return booking.videoProgress === null
        ? ' Your video is being made.'
        : ` Your video is being made: ${Math.round(booking.videoProgress)}% done.`;
    case 'completed':
      return ' Your video is ready.';
    case 'failed':
      return ' The video could not be made — you can try again on the recording page.';
    default:
      return '';
  }
}

/** One sentence for where the booking is now, announced politely as it changes. */
export function statusSentence(booking: BookingView): string {
  const name = booking.child.name ?? 'your child';
  switch (booking.callStatus) {
    case 'pending':
      return booking.paymentStatus === 'paid'
        ? 'Payment received — Santa is putting the call in his diary.'
        : 'Waiting for your payment to be confirmed…';
    case 'scheduled':
      return booking.schedule.callNow
        ? `Santa is about to call ${name}.`
        : `All set! Santa will call ${name} on ${formatCallTime(booking.schedule.scheduledAt, booking.schedule.timezone, siteLocale())}.`;
    case 'queued':
      return `Santa is picking up the phone to call ${name}…`;
    case 'in_progress':
      return `Santa is calling ${name} now!`;
    case 'completed':
      return `Santa has spoken with ${name}. We've emailed you the transcript.${videoSentence(booking)}`;
    case 'cancelled':
      return booking.paymentStatus === 'refunded'
        ? 'This call was cancelled and refunded.'
        : 'This call was cancelled.';
    case 'no_answer':
      return 'Santa could not reach you. You have been refunded — you can book again any time.';
    case 'failed':
      return 'Something went wrong and the call could not be made. You have been refunded.';
    default:
      return 'Checking on your booking…';
  }
}

export default function Success({ callId }: { readonly callId: string }) {
  // Polls until nothing more will change: the call is over and no video is being made.
  const { load, token } = useBooking(callId, {
    pollMs: 3000,
    keepPolling: (b) => !isSettled(b),
  });
  if (load.state === 'not_found') return <NotFound what="booking" />;
  const booking = load.state === 'ready' ? load.booking : undefined;
  return (
    <Page
      title="Your call from Santa"
      heading={booking?.callStatus === 'completed' ? 'Santa has called!' : "You're booked!"}
    >
      <p className="lead live-status" aria-live="polite">
        {booking
          ? statusSentence(booking)
          : load.state === 'failed'
            ? load.message
            : 'Loading your booking…'}
      </p>
      <section className="card timeline-card" aria-labelledby="progress-title">
        <h2 id="progress-title">Progress</h2>
        {booking ? <Timeline booking={booking} /> : <div className="timeline-placeholder" />}
      </section>
      {booking ? (
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">Your booking</h2>
          <BookingSummary booking={booking} />
          {booking.dataErased ? (
            <p data-testid="data-erased">
              Your child's details, the transcript and the recording have been deleted.
            </p>
          ) : null}
          <p className="actions">
            {/* Erased: the transcript and recording are gone, so nothing leads to them. */}
            {booking.callStatus === 'completed' && !booking.dataErased ? (
              <Link
                to={`/recording/${callId}${tokenFragment(token)}`}
                className="button button-primary"
              >
                {booking.purchaseRecording ? 'Listen to the call' : 'Read the transcript'}
              </Link>
            ) : null}
            {calendarWorthy(booking) ? <AddToCalendar booking={booking} /> : null}
            <Link
              to={`/manage/${callId}${tokenFragment(token)}`}
              className="button button-secondary"
            >
              Manage this booking
            </Link>
          </p>
          <p className="hint">
            We've emailed you a link to manage the booking, too. Keep it: it is the key to your
            booking.
          </p>
        </section>
      ) : null}
    </Page>
  );
}
