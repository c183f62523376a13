import { useEffect, useId, useRef, useState } from 'react';
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
          message:
            error instanceof ApiError ? error.message : 'The times could not be loaded. Try again.',
        });
      },
    );
    return () => controller.abort();
  }, [shownDate, timezone, reload]);

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
        label="Time zone (where the phone Santa calls will be)"
        value={timezone}
        zones={calleeZones}
        error={errors.timezone}
        onChange={(zone) => {
          onTimezone(zone);
          onChoice({ callNow: false });
        }}
      />

      <fieldset className="when" aria-describedby={`${id}-when-note`}>
        <legend>When should Santa call?</legend>
        <div className="choice-row">
          <label className={callNowOffered ? 'choice' : 'choice choice-disabled'}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={choice.callNow}
              disabled={!callNowOffered}
              onChange={() => onChoice({ callNow: true })}
            />
            <span>Call right now</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={!choice.callNow}
              onChange={() => onChoice({ callNow: false })}
            />
            <span>At a time I choose</span>
          </label>
        </div>
        <p className="hint" id={`${id}-when-note`}>
          {availability
            ? callNowOffered
              ? `Santa calls from ${availability.callingHours} (child's time). He can call right now.`
              : `Santa calls from ${availability.callingHours} (child's time), so he can't call right now — choose a time.`
            : '\u00a0'}
        </p>
      </fieldset>

      {choice.callNow ? (
        <FieldError id={`${id}-times`} error={timeError} />
      ) : (
        <>
          <div className="field date-field">
            <label htmlFor={`${id}-date`}>Day</label>
            <div className="date-row">
              <button
                type="button"
                className="button button-secondary"
                disabled={shownDate <= today}
                onClick={() => pickDate(addDays(shownDate, -1))}
                aria-label="Previous day"
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
                aria-label="Next day"
              >
                ›
              </button>
            </div>
          </div>
          <fieldset
            className="times"
            aria-describedby={timeError ? errorId(`${id}-times`) : undefined}
          >
            <legend>Times on {formatCalendarDay(shownDate, siteLocale())}</legend>
            <p className="status" role="status">
              {load.state === 'loading'
                ? 'Loading the free times…'
                : load.state === 'failed'
                  ? load.message
                  : outsideWindow && bookingWindow
                    ? `We take calls from ${formatDayMonth(bookingWindow.firstDate, siteLocale())} to ${formatDayMonth(bookingWindow.lastDate, siteLocale())} — choose a date in that range.`
                    : load.availability.times.length
                      ? `${load.availability.times.length} times free, shown on the ${zoneLabel(timezone)} clock.`
                      : 'No times left on this day. Try the next day.'}
            </p>
            {load.state === 'failed' ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setReload((n) => n + 1)}
              >
                Try again
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
                          aria-label={`${formatClockTime(time.startsAt, timezone, siteLocale())}, ${time.placesLeft === 1 ? '1 place' : `${time.placesLeft} places`} left`}
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
                Show the next day
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
