import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatCalendarDay,
  formatClockHour,
  formatClockTime,
  formatDayMonth,
} from '../../../functions/core/date-format.ts';
import { ApiError, api, isAbort } from '../lib/api.ts';
import { addDays, todayIn } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { Availability, BookableTime } from '../lib/types.ts';
import { CompactTimes } from './CompactTimes.tsx';
import { errorId, FieldError } from './Field.tsx';
import { ZonePicker } from './ZonePicker.tsx';

export interface CallTimeChoice {
  readonly callNow: boolean;
  readonly scheduledAt?: string | undefined;
}

const zoneLabel = (zone: string) => zone.replaceAll('_', ' ').replaceAll('/', ' / ');

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly availability: Availability }
  | { readonly state: 'failed'; readonly message: string };

/**
 * When Santa should call: the time zone (detected, editable), "call now" when Santa can, and
 * the bookable instants of a day (every 5 minutes) from GET /api/availability. Only bookable times are
 * offered, so a past, out-of-hours or full time cannot be picked.
 */
export function AvailabilityPicker({
  timezone,
  zones: calleeZones,
  onTimezone,
  choice,
  onChoice,
  errors = {},
  initialDate,
  compact = false,
  bookedAt,
}: {
  readonly timezone: string;
  /** The zones of the callee's country, when known: only these are offered. */
  readonly zones?: readonly string[] | undefined;
  readonly onTimezone: (zone: string) => void;
  readonly choice: CallTimeChoice;
  readonly onChoice: (choice: CallTimeChoice) => void;
  /** Errors by field name: `scheduledAt`, `callNow`, `timezone`. */
  readonly errors?: Readonly<Record<string, string | undefined>>;
  readonly initialDate?: string | undefined;
  /** A day's times as part of day → hour → times (short on a phone), not every hour at once. */
  readonly compact?: boolean;
  /** The booking's current time (ISO), marked "Booked" and not offered, when rescheduling. */
  readonly bookedAt?: string | undefined;
}) {
  const id = useId();
  const { t } = useTranslation('book');
  const today = todayIn(timezone);
  const [date, setDate] = useState(() =>
    initialDate && initialDate >= today ? initialDate : today,
  );
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  // The booking window from the last answer: the date input's bounds and the out-of-window words.
  const [bookingWindow, setBookingWindow] = useState<Availability['window'] | undefined>();
  const shownDate = date < today ? today : date;
  // Whether the parent chose the day: until they do, a day before the booking window opens
  // (the evening before the season starts) moves to its first day instead of saying "closed".
  const dateChosen = useRef(initialDate !== undefined);
  const pickDate = (day: string) => {
    dateChosen.current = true;
    setDate(day);
  };

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    void reload;
    api<Availability>(
      `/api/availability?date=${shownDate}&timezone=${encodeURIComponent(timezone)}`,
      { signal: controller.signal },
    ).then(
      (availability) => {
        setBookingWindow(availability.window);
        const opens = availability.window?.firstDate;
        if (opens && shownDate < opens && !dateChosen.current) {
          setDate(opens);
          return;
        }
        setLoad({ state: 'ready', availability });
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setLoad({
          state: 'failed',
          message: error instanceof ApiError ? error.message : t('picker.loadFailed'),
        });
      },
    );
    return () => controller.abort();
  }, [shownDate, timezone, reload, t]);

  const availability = load.state === 'ready' ? load.availability : undefined;
  const callNowOffered = availability?.callNowAvailable === true || choice.callNow;
  const timeError = errors.scheduledAt ?? errors.callNow;
  const outsideWindow =
    bookingWindow !== undefined &&
    (shownDate < bookingWindow.firstDate || shownDate > bookingWindow.lastDate);

  return (
    <div className="picker">
      <ZonePicker
        id={id}
        label={t('picker.zone')}
        value={timezone}
        zones={calleeZones}
        error={errors.timezone}
        onChange={(zone) => {
          onTimezone(zone);
          onChoice({ callNow: false });
        }}
      />

      <fieldset className="when" aria-describedby={`${id}-when-note`}>
        <legend>{t('picker.when')}</legend>
        <div className="choice-row">
          <label className={callNowOffered ? 'choice' : 'choice choice-disabled'}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={choice.callNow}
              disabled={!callNowOffered}
              onChange={() => onChoice({ callNow: true })}
            />
            <span>{t('picker.callNow')}</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={!choice.callNow}
              onChange={() => onChoice({ callNow: false })}
            />
            <span>{t('picker.atTime')}</span>
          </label>
        </div>
        <p className="hint" id={`${id}-when-note`}>
          {availability
            ? callNowOffered
              ? t('picker.hoursNow', { hours: availability.callingHours })
              : t('picker.hoursLater', { hours: availability.callingHours })
            : '\u00a0'}
        </p>
      </fieldset>

      {choice.callNow ? (
        <FieldError id={`${id}-times`} error={timeError} />
      ) : (
        <>
          <div className="field date-field">
            <label htmlFor={`${id}-date`}>{t('picker.day')}</label>
            <div className="date-row">
              <button
                type="button"
                className="button button-secondary"
                disabled={shownDate <= today}
                onClick={() => pickDate(addDays(shownDate, -1))}
                aria-label={t('picker.previousDay')}
              >
                ‹
              </button>
              <input
                id={`${id}-date`}
                type="date"
                value={shownDate}
                min={bookingWindow?.firstDate ?? today}
                max={bookingWindow?.lastDate ?? addDays(today, 90)}
                onChange={(event) => event.target.value && pickDate(event.target.value)}
              />
              <button
                type="button"
                className="button button-secondary"
                disabled={bookingWindow !== undefined && shownDate >= bookingWindow.lastDate}
                onClick={() => pickDate(addDays(shownDate, 1))}
                aria-label={t('picker.nextDay')}
              >
                ›
              </button>
            </div>
          </div>
          <fieldset
            className="times"
            aria-describedby={timeError ? errorId(`${id}-times`) : undefined}
          >
            <legend>
              {t('picker.timesOn', { day: formatCalendarDay(shownDate, siteLocale()) })}
            </legend>
            <p className="status" role="status">
              {load.state === 'loading'
                ? t('picker.loading')
                : load.state === 'failed'
                  ? load.message
                  : outsideWindow && bookingWindow
                    ? t('picker.outsideWindow', {
                        first: formatDayMonth(bookingWindow.firstDate, siteLocale()),
                        last: formatDayMonth(bookingWindow.lastDate, siteLocale()),
                      })
                    : load.availability.times.length
                      ? t('picker.timesFree', {
                          count: load.availability.times.length,
                          zone: zoneLabel(timezone),
                        })
                      : t('picker.noTimes')}
            </p>
            {load.state === 'failed' ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setReload((n) => n + 1)}
              >
                {t('picker.tryAgain')}
              </button>
            ) : null}
            {compact ? (
              <CompactTimes
                id={id}
                times={availability?.times ?? []}
                timezone={timezone}
                date={shownDate}
                bookedAt={bookedAt}
                choice={choice}
                onChoice={onChoice}
              />
            ) : null}
            {/* Calls start every 5 minutes: one row per hour keeps a whole day on a screen. */}
            <div className="time-grid-hours" hidden={compact}>
              {byHour(compact ? [] : (availability?.times ?? [])).map(([hour, times]) => (
                <div key={hour} className="time-hour">
                  <span className="time-hour-label" aria-hidden="true">
                    {times[0] ? formatClockHour(times[0].startsAt, timezone, siteLocale()) : hour}
                  </span>
                  <div className="time-grid">
                    {times.map((time) => (
                      <label key={time.startsAt} className="chip">
                        <input
                          type="radio"
                          name={`${id}-time`}
                          value={time.startsAt}
                          checked={choice.scheduledAt === time.startsAt}
                          onChange={() => onChoice({ callNow: false, scheduledAt: time.startsAt })}
                          aria-label={t('picker.placesLeft', {
                            time: formatClockTime(time.startsAt, timezone, siteLocale()),
                            count: time.placesLeft,
                          })}
                        />
                        <span>{formatClockTime(time.startsAt, timezone, siteLocale())}</span>
                      </label>
                    ))}
                  </div>
                </div>
              ))}
            </div>
            {availability && availability.times.length === 0 && !outsideWindow ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => pickDate(addDays(shownDate, 1))}
              >
                {t('picker.showNextDay')}
              </button>
            ) : null}
          </fieldset>
          <FieldError id={`${id}-times`} error={timeError} />
        </>
      )}
    </div>
  );
}

/**
 * The free times grouped by the hour they start in on the child's clock ("18:00" → times); the row
 * is labelled with formatClockHour ("6 PM" in en-US), as its times are written.
 */
function byHour(times: readonly BookableTime[]): [string, BookableTime[]][] {
  const hours = new Map<string, BookableTime[]>();
  for (const time of times) {
    const hour = `${time.localTime.slice(0, 2)}:00`;
    hours.set(hour, [...(hours.get(hour) ?? []), time]);
  }
  return [...hours];
}
