import { useState } from 'react';
import {
  isRefundableCancellation,
  refundCutoffMinutes,
} from '../../../functions/core/cancellation.ts';
import { formatCallTime, formatClockTime } from '../../../functions/core/date-format.ts';
import { formatMoney } from '../../../functions/core/money-format.ts';
import { AvailabilityPicker, type CallTimeChoice } from '../components/AvailabilityPicker.tsx';
import { BookingSummary } from '../components/BookingSummary.tsx';
import { CorrectDetails } from '../components/CorrectDetails.tsx';
import { Page } from '../components/Page.tsx';
import { ApiError, api, messageOf } from '../lib/api.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookableTime, BookingView, CancelResult } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { NotFound } from './NotFound.tsx';
import { statusSentence } from './Success.tsx';

/** Moves focus to a confirmation's first button when it appears (keyboard users). */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** A button that asks "are you sure?" before an action that cannot be taken back. */
function ConfirmedAction(props: {
  readonly trigger: string;
  readonly question: string;
  readonly confirm: string;
  readonly working: string;
  readonly keep: string;
  readonly onConfirm: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        {props.trigger}
      </button>
    );
  }
  return (
    <div className="confirm">
      <p>
        <strong>{props.question}</strong>
      </p>
      <button
        type="button"
        className="button button-danger"
        ref={focusOnMount}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void props.onConfirm().finally(() => {
            setBusy(false);
            setConfirming(false);
          });
        }}
      >
        {busy ? props.working : props.confirm}
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => setConfirming(false)}
      >
        {props.keep}
      </button>
    </div>
  );
}

const changeable = (booking: BookingView) =>
  booking.callStatus === 'pending' || booking.callStatus === 'scheduled';

/** Reschedule, cancel (with refund) and delete the child's data, from the email's link. */
export default function Manage({ callId }: { readonly callId: string }) {
  const { load, token, replace } = useBooking(callId);
  if (load.state === 'not_found' || !token) return <NotFound what="booking" />;
  if (load.state !== 'ready') {
    return (
      <Page title="Manage your booking" heading="Manage your booking">
        <p className="lead" aria-live="polite">
          {load.state === 'failed' ? load.message : 'Loading your booking…'}
        </p>
        <div className="timeline-placeholder" />
      </Page>
    );
  }
  const booking = load.booking;
  return (
    <Page title="Manage your booking" heading="Manage your booking">
      <p className="lead">{statusSentence(booking)}</p>
      <section className="card" aria-labelledby="booking-title">
        <h2 id="booking-title">Your booking</h2>
        <BookingSummary booking={booking} />
        <p className="actions">
          <Link
            to={`/success/${callId}${tokenFragment(token)}`}
            className="button button-secondary"
          >
            See progress
          </Link>
          {/* Erased: the transcript and recording are gone, so nothing leads to them. */}
          {booking.callStatus === 'completed' && !booking.dataErased ? (
            <Link
              to={`/recording/${callId}${tokenFragment(token)}`}
              className="button button-secondary"
            >
              {booking.purchaseRecording ? 'Listen to the call' : 'Read the transcript'}
            </Link>
          ) : null}
        </p>
      </section>
      {changeable(booking) ? (
        <Reschedule booking={booking} token={token} onChanged={replace} />
      ) : null}
      {booking.details.editableUntil ? (
        <CorrectDetails booking={booking} token={token} onChanged={replace} />
      ) : null}
      {changeable(booking) || booking.callStatus === 'cancelled' ? (
        <Cancel booking={booking} token={token} onChanged={replace} />
      ) : null}
      <Erase booking={booking} token={token} onChanged={replace} />
    </Page>
  );
}

interface SectionProps {
  readonly booking: BookingView;
  readonly token: string;
  readonly onChanged: (booking: BookingView) => void;
}

function Reschedule({ booking, token, onChanged }: SectionProps) {
  const [timezone, setTimezone] = useState(booking.schedule.timezone);
  const [choice, setChoice] = useState<CallTimeChoice>({ callNow: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [nearest, setNearest] = useState<BookableTime[]>([]);
  const [busy, setBusy] = useState(false);
  // The picker stays closed until asked for: the booked time comes first.
  const [open, setOpen] = useState(false);
  // Keyboard users land in the picker when it opens and back on its button when it closes.
  const [closedByUser, setClosedByUser] = useState(false);
  const close = () => {
    setOpen(false);
    setClosedByUser(true);
  };

  async function move(target: CallTimeChoice) {
    if (!target.callNow && !target.scheduledAt) {
      setErrors({ scheduledAt: 'Choose a new time, or "call now".' });
      return;
    }
    setBusy(true);
    setErrors({});
    setNearest([]);
    setMessage('');
    try {
      const moved = await api<BookingView>(`/api/calls/${booking.callId}`, {
        method: 'PATCH',
        token,
        body: target.callNow
          ? { callNow: true, timezone }
          : { scheduledAt: target.scheduledAt, timezone },
      });
      onChanged(moved);
      setChoice({ callNow: false });
      close();
      setMessage(
        moved.schedule.callNow
          ? 'Done — Santa will call right away.'
          : `Done — Santa will now call on ${formatCallTime(moved.schedule.scheduledAt, moved.schedule.timezone, siteLocale())}.`,
      );
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'slot_full' || error.code === 'no_line_free')
      ) {
        setNearest((error.body.nearestFreeTimes ?? []) as BookableTime[]);
        setErrors({ scheduledAt: error.message });
      } else if (error instanceof ApiError && Object.keys(error.fields).length) {
        // Only the time fields are on this form: anything else is said with the time.
        const { timezone: zone, callNow, scheduledAt, ...other } = error.fields;
        setErrors({
          ...(zone ? { timezone: zone } : {}),
          ...(callNow ? { callNow } : {}),
          ...(scheduledAt || Object.keys(other).length
            ? { scheduledAt: scheduledAt ?? Object.values(other).join(' ') }
            : {}),
        });
      } else {
        setErrors({ scheduledAt: messageOf(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">The call's time</h2>
      <p>
        Santa will call{' '}
        <strong data-testid="booked-time">
          {booking.schedule.callNow ? 'right away' : booking.schedule.localDisplay}
        </strong>
        .
      </p>
      <p className="status status-success" role="status">
        {message || '\u00a0'}
      </p>
      {open ? (
        <form
          id="reschedule-form"
          ref={focusOnMount}
          tabIndex={-1}
          aria-label="Choose a new time"
          onSubmit={(event) => {
            event.preventDefault();
            void move(choice);
          }}
          noValidate
        >
          <AvailabilityPicker
            timezone={timezone}
            zones={booking.schedule.zones}
            onTimezone={setTimezone}
            choice={choice}
            onChoice={(next) => {
              setChoice(next);
              setErrors({});
            }}
            errors={errors}
            initialDate={booking.schedule.localTime.slice(0, 10)}
            compact
            bookedAt={booking.schedule.callNow ? undefined : booking.schedule.scheduledAt}
          />
          {nearest.length ? (
            <div className="notice notice-warning">
              <p>Nearest free times:</p>
              <div className="time-grid">
                {nearest.map((time) => (
                  <button
                    key={time.startsAt}
                    type="button"
                    className="button button-secondary"
                    onClick={() => void move({ callNow: false, scheduledAt: time.startsAt })}
                  >
                    {formatClockTime(time.startsAt, timezone, siteLocale())}
                  </button>
                ))}
              </div>
            </div>
          ) : null}
          {/* The confirmation sits right under the chosen time, not at the bottom of the page. */}
          <p className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Moving…' : 'Move the call'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                close();
                setChoice({ callNow: false });
                setErrors({});
                setNearest([]);
              }}
            >
              Keep the current time
            </button>
          </p>
        </form>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={false}
          ref={closedByUser ? focusOnMount : undefined}
          onClick={() => {
            setOpen(true);
            setMessage('');
          }}
        >
          Change the time
        </button>
      )}
    </section>
  );
}

function Cancel({ booking, token, onChanged }: SectionProps) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const refundable =
    booking.paymentStatus === 'paid' &&
    isRefundableCancellation(booking.schedule.scheduledAt, new Date());

  async function cancel() {
    setFailed(false);
    try {
      const result = await api<CancelResult>(`/api/calls/${booking.callId}/cancel`, {
        method: 'POST',
        token,
      });
      setMessage(
        result.refunded
          ? `Cancelled. We have refunded ${formatMoney(result.amountCents, result.currency, siteLocale())} to your card; it may take a few days to show.`
          : result.refundNote
            ? `Cancelled. ${result.refundNote}`
            : 'Cancelled.',
      );
      onChanged(result);
    } catch (error) {
      setFailed(true);
      setMessage(messageOf(error));
    }
  }

  const cancelled = booking.callStatus === 'cancelled';
  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{cancelled ? 'Cancelled' : 'Cancel the call'}</h2>
      <p>
        {cancelled
          ? booking.paymentStatus === 'refunded'
            ? 'This call is cancelled and your payment was refunded.'
            : 'This call is cancelled.'
          : refundable
            ? `Cancel now and you get a full refund of ${formatMoney(booking.amountCents, booking.currency, siteLocale())}.`
            : booking.paymentStatus === 'paid'
              ? `The call is less than ${refundCutoffMinutes} minutes away, so cancelling now is not refunded.`
              : 'Nothing has been paid, so nothing will be charged.'}
      </p>
      {cancelled ? null : (
        <ConfirmedAction
          trigger="Cancel the call…"
          question={`Cancel Santa's call to ${booking.child.name ?? 'your child'}?`}
          confirm="Yes, cancel the call"
          working="Cancelling…"
          keep="Keep the call"
          onConfirm={cancel}
        />
      )}
      <p className={failed ? 'status status-error' : 'status status-success'} role="status">
        {message || '\u00a0'}
      </p>
    </section>
  );
}

function Erase({ booking, token, onChanged }: SectionProps) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const erased = booking.timeline.some((event) => event.type === 'child_data_erased');

  async function erase() {
    setFailed(false);
    try {
      const result = await api<BookingView>(`/api/calls/${booking.callId}/erase`, {
        method: 'POST',
        token,
      });
      onChanged(result);
      setMessage(
        "Done. We have deleted your child's details, the voice note, the transcript and the recording.",
      );
    } catch (error) {
      setFailed(true);
      setMessage(messageOf(error));
    }
  }

  return (
    <section className="card" aria-labelledby="erase-title">
      <h2 id="erase-title">Delete my child's data</h2>
      <p>
        Deletes your child's name and details, the voice note, the transcript and the recording —
        for good. You can do this once the call is over or cancelled.
      </p>
      {erased ? (
        <p>
          <strong>Your child's data has been deleted.</strong>
        </p>
      ) : (
        <ConfirmedAction
          trigger="Delete my child's data…"
          question={`Delete everything about ${booking.child.name ?? 'your child'}? This cannot be undone.`}
          confirm="Yes, delete it all"
          working="Deleting…"
          keep="Keep it"
          onConfirm={erase}
        />
      )}
      <p className={failed ? 'status status-error' : 'status status-success'} role="status">
        {message || '\u00a0'}
      </p>
    </section>
  );
}
