import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { useBookingLanguage } from '../lib/booking-language.ts';
import { siteLocale } from '../lib/locale.ts';
import { Link } from '../lib/router.tsx';
import { tokenFragment } from '../lib/tokens.ts';
import type { BookableTime, BookingView, CancelResult } from '../lib/types.ts';
import { useBooking } from '../lib/useBooking.ts';
import { viewChildNames } from '../lib/view-children.ts';
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
  const { t } = useTranslation('manage');
  const { t: status } = useTranslation('status');
  const { load, token, replace } = useBooking(callId);
  useBookingLanguage(load.state === 'ready' ? load.booking : undefined);
  if (load.state === 'not_found' || !token) return <NotFound what="booking" />;
  if (load.state !== 'ready') {
    return (
      <Page title={t('title')} heading={t('title')}>
        <p className="lead" aria-live="polite">
          {load.state === 'failed' ? load.message : status('loading')}
        </p>
        <div className="timeline-placeholder" />
      </Page>
    );
  }
  const booking = load.booking;
  return (
    <Page title={t('title')} heading={t('title')}>
      <p className="lead">{statusSentence(booking, status)}</p>
      <section className="card" aria-labelledby="booking-title">
        <h2 id="booking-title">{status('yourBooking')}</h2>
        <BookingSummary booking={booking} />
        <p className="actions">
          <Link
            to={`/success/${callId}${tokenFragment(token)}`}
            className="button button-secondary"
          >
            {t('seeProgress')}
          </Link>
          {/* Erased: the transcript and recording are gone, so nothing leads to them. */}
          {booking.callStatus === 'completed' && !booking.dataErased ? (
            <Link
              to={`/recording/${callId}${tokenFragment(token)}`}
              className="button button-secondary"
            >
              {booking.purchaseRecording ? status('listen') : status('readTranscript')}
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
  const { t } = useTranslation('manage');
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
      setErrors({ scheduledAt: t('time.chooseNew') });
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
          ? t('time.movedNow')
          : t('time.moved', {
              when: formatCallTime(
                moved.schedule.scheduledAt,
                moved.schedule.timezone,
                siteLocale(),
              ),
            }),
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
      <h2 id="reschedule-title">{t('time.title')}</h2>
      <p>
        {t('time.before')}{' '}
        <strong data-testid="booked-time">
          {booking.schedule.callNow
            ? t('time.rightAway')
            : // The view's localDisplay is in the booking's locale; this page speaks the site's.
              formatCallTime(booking.schedule.scheduledAt, booking.schedule.timezone, siteLocale())}
        </strong>
        {t('time.after')}
      </p>
      <p className="status status-success" role="status">
        {message || '\u00a0'}
      </p>
      {open ? (
        <form
          id="reschedule-form"
          ref={focusOnMount}
          tabIndex={-1}
          aria-label={t('time.chooseLabel')}
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
              <p>{t('time.nearest')}</p>
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
              {busy ? t('time.moving') : t('time.move')}
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
              {t('time.keep')}
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
          {t('time.change')}
        </button>
      )}
    </section>
  );
}

function Cancel({ booking, token, onChanged }: SectionProps) {
  const { t } = useTranslation('manage');
  const names = viewChildNames(booking, siteLocale()) ?? t('yourChild');
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
          ? t('cancel.doneRefunded', {
              amount: formatMoney(result.amountCents, result.currency, siteLocale()),
            })
          : result.refundNote
            ? t('cancel.doneNote', { note: result.refundNote })
            : t('cancel.done'),
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
      <h2 id="cancel-title">{cancelled ? t('cancel.cancelled') : t('cancel.title')}</h2>
      <p>
        {cancelled
          ? booking.paymentStatus === 'refunded'
            ? t('cancel.isCancelledRefunded')
            : t('cancel.isCancelled')
          : refundable
            ? t('cancel.fullRefund', {
                amount: formatMoney(booking.amountCents, booking.currency, siteLocale()),
              })
            : booking.paymentStatus === 'paid'
              ? t('cancel.noRefund', { count: refundCutoffMinutes })
              : t('cancel.nothingPaid')}
      </p>
      {cancelled ? null : (
        <ConfirmedAction
          trigger={t('cancel.trigger')}
          question={t('cancel.question', { names })}
          confirm={t('cancel.confirm')}
          working={t('cancel.working')}
          keep={t('cancel.keep')}
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
  const { t } = useTranslation('manage');
  const names = viewChildNames(booking, siteLocale()) ?? t('yourChild');
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
      setMessage(t('erase.done'));
    } catch (error) {
      setFailed(true);
      setMessage(messageOf(error));
    }
  }

  return (
    <section className="card" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('erase.title')}</h2>
      <p>{t('erase.explain')}</p>
      {erased ? (
        <p>
          <strong>{t('erase.erased')}</strong>
        </p>
      ) : (
        <ConfirmedAction
          trigger={t('erase.trigger')}
          question={t('erase.question', { names })}
          confirm={t('erase.confirm')}
          working={t('erase.working')}
          keep={t('erase.keep')}
          onConfirm={erase}
        />
      )}
      <p className={failed ? 'status status-error' : 'status status-success'} role="status">
        {message || '\u00a0'}
      </p>
    </section>
  );
}
