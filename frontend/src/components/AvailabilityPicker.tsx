import { useEffect, useId, useMemo, useState } from 'react';
import { formatCalendarDay, formatClockTime } from '../../../functions/core/date-format.ts';
import { ApiError, api, isAbort } from '../lib/api.ts';
import { addDays, todayIn } from '../lib/format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { Availability, BookableTime } from '../lib/types.ts';
import { describedBy, errorId, FieldError } from './Field.tsx';

export interface CallTimeChoice {
  readonly callNow: boolean;
  readonly scheduledAt?: string | undefined;
}

let zones: string[] | undefined;
function timeZones(current: string): string[] {
  zones ??= (() => {
    try {
      return Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/'));
    } catch {
      return [];
    }
  })();
  return zones.includes(current) ? zones : [current, ...zones];
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
}) {
  const id = useId();
  const today = todayIn(timezone);
  const [date, setDate] = useState(() =>
    initialDate && initialDate >= today ? initialDate : today,
  );
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const shownDate = date < today ? today : date;

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    void reload;
    api<Availability>(
      `/api/availability?date=${shownDate}&timezone=${encodeURIComponent(timezone)}`,
      { signal: controller.signal },
    ).then(
      (availability) => setLoad({ state: 'ready', availability }),
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
  const zoneOptions = useMemo(
    () =>
      calleeZones?.length
        ? calleeZones.includes(timezone)
          ? calleeZones
          : [timezone, ...calleeZones]
        : timeZones(timezone),
    [timezone, calleeZones],
  );
  const timeError = errors.scheduledAt ?? errors.callNow;

  return (
    <div className="picker">
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone (where the phone Santa calls will be)</label>
        <select
          id={`${id}-zone`}
          value={timezone}
          onChange={(event) => {
            onTimezone(event.target.value);
            onChoice({ callNow: false });
          }}
          {...describedBy(`${id}-zone`, errors.timezone)}
        >
          {zoneOptions.map((zone) => (
            <option key={zone} value={zone}>
              {zoneLabel(zone)}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-zone`} error={errors.timezone} />
      </div>

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
                onClick={() => setDate(addDays(shownDate, -1))}
                aria-label="Previous day"
              >
                ‹
              </button>
              <input
                id={`${id}-date`}
                type="date"
                value={shownDate}
                min={today}
                max={addDays(today, 90)}
                onChange={(event) => event.target.value && setDate(event.target.value)}
              />
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDate(addDays(shownDate, 1))}
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
            {/* Calls start every 5 minutes: one row per hour keeps a whole day on a screen. */}
            <div className="time-grid-hours">
              {byHour(availability?.times ?? []).map(([hour, times]) => (
                <div key={hour} className="time-hour">
                  <span className="time-hour-label" aria-hidden="true">
                    {hour}
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
            {availability && availability.times.length === 0 ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDate(addDays(shownDate, 1))}
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

/** The free times grouped by the hour they start in on the child's clock ("18:00" → times). */
function byHour(times: readonly BookableTime[]): [string, BookableTime[]][] {
  const hours = new Map<string, BookableTime[]>();
  for (const time of times) {
    const hour = `${time.localTime.slice(0, 2)}:00`;
    hours.set(hour, [...(hours.get(hour) ?? []), time]);
  }
  return [...hours];
}
