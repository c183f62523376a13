import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClockHour, formatClockTime } from '../../../functions/core/date-format.ts';
import { siteLocale } from '../lib/locale.ts';
import type { BookableTime } from '../lib/types.ts';
import type { CallTimeChoice } from './AvailabilityPicker.tsx';
import './CompactTimes.css';

/** Parts of the child's day, by the hour a time starts in (local, 0–23). */
const parts = [
  { key: 'morning', from: 0, to: 12 },
  { key: 'afternoon', from: 12, to: 17 },
  { key: 'evening', from: 17, to: 24 },
] as const;

type Slot =
  | { readonly kind: 'free'; readonly time: BookableTime }
  | { readonly kind: 'booked'; readonly startsAt: string; readonly localTime: string };

const hourOf = (localTime: string) => Number(localTime.slice(0, 2));
const partOf = (localTime: string) =>
  parts.find((part) => hourOf(localTime) >= part.from && hourOf(localTime) < part.to)?.key ??
  'evening';

/** `HH:mm` and `YYYY-MM-DD` of an instant on the clock of `timeZone`. */
function localOf(iso: string, timeZone: string): { date: string; time: string } {
  const when = new Date(iso);
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone }).format(when),
    time: new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(when),
  };
}

/** "5 PM" (en-US), "17" (en-GB) for the hour a time starts in, as the times themselves are written. */
const hourLabel = (iso: string, timeZone: string) => formatClockHour(iso, timeZone, siteLocale());

/**
 * A day's free times in three short steps — part of the day, hour, then the 5-minute times of
 * that hour — so the open list stays a few rows high on a phone. The booked time (`bookedAt`,
 * when on this day) is shown in its place, marked "Booked" with `aria-current`, and is not a
 * choice. Free times stay radios inside `.time-grid`, as in the full list.
 */
export function CompactTimes({
  id,
  times,
  timezone,
  date,
  bookedAt,
  choice,
  onChoice,
}: {
  /** Prefix for the radio groups' names. */
  readonly id: string;
  readonly times: readonly BookableTime[];
  readonly timezone: string;
  /** The day shown, `YYYY-MM-DD` on the child's clock. */
  readonly date: string;
  readonly bookedAt?: string | undefined;
  readonly choice: CallTimeChoice;
  readonly onChoice: (choice: CallTimeChoice) => void;
}) {
  const { t } = useTranslation('manage');
  const [picked, setPicked] = useState<{ part?: string; hour?: number }>({});
  const booked = bookedAt ? localOf(bookedAt, timezone) : undefined;
  const slots: Slot[] = times
    .filter((time) => time.startsAt !== bookedAt)
    .map((time) => ({ kind: 'free', time }));
  if (bookedAt && booked?.date === date) {
    slots.push({ kind: 'booked', startsAt: bookedAt, localTime: booked.time });
    slots.sort((a, b) => localTimeOf(a).localeCompare(localTimeOf(b)));
  }
  if (slots.length === 0) return null;

  const chosen = slots.find(
    (slot) => slot.kind === 'free' && slot.time.startsAt === choice.scheduledAt,
  );
  const bookedSlot = slots.find((slot) => slot.kind === 'booked');
  const preferred = chosen ?? bookedSlot;
  const shownParts = parts.filter((part) =>
    slots.some((slot) => partOf(localTimeOf(slot)) === part.key),
  );
  const part =
    shownParts.find((p) => p.key === picked.part) ??
    shownParts.find((p) => preferred && p.key === partOf(localTimeOf(preferred))) ??
    shownParts[0];
  const inPart = slots.filter((slot) => partOf(localTimeOf(slot)) === part?.key);
  const hours = [...new Set(inPart.map((slot) => hourOf(localTimeOf(slot))))];
  const hour =
    hours.find((h) => h === picked.hour) ??
    hours.find((h) => preferred && h === hourOf(localTimeOf(preferred))) ??
    hours[0];
  const inHour = inPart.filter((slot) => hourOf(localTimeOf(slot)) === hour);

  return (
    <div className="compact-times">
      <fieldset className="compact-step">
        <legend>{t('times.partOfDay')}</legend>
        <div className="compact-row">
          {shownParts.map((p) => (
            <label key={p.key} className="chip">
              <input
                type="radio"
                name={`${id}-part`}
                checked={p.key === part?.key}
                onChange={() => setPicked({ part: p.key })}
              />
              <span>{t(`times.${p.key}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="compact-step">
        <legend>{t('times.hour')}</legend>
        <div className="compact-row">
          {hours.map((h) => {
            const first = inPart.find((slot) => hourOf(localTimeOf(slot)) === h);
            return (
              <label key={h} className="chip">
                <input
                  type="radio"
                  name={`${id}-hour`}
                  checked={h === hour}
                  onChange={() => setPicked({ part: part?.key, hour: h })}
                />
                <span>{first ? hourLabel(startsAtOf(first), timezone) : h}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="time-grid compact-grid">
        {inHour.map((slot) =>
          slot.kind === 'booked' ? (
            <span key={slot.startsAt} className="chip chip-booked" aria-current="time">
              <span>
                {formatClockTime(slot.startsAt, timezone, siteLocale())}{' '}
                <small>{t('times.booked')}</small>
              </span>
            </span>
          ) : (
            <label key={slot.time.startsAt} className="chip">
              <input
                type="radio"
                name={`${id}-time`}
                value={slot.time.startsAt}
                checked={choice.scheduledAt === slot.time.startsAt}
                onChange={() => onChoice({ callNow: false, scheduledAt: slot.time.startsAt })}
                aria-label={t('times.placesLeft', {
                  time: formatClockTime(slot.time.startsAt, timezone, siteLocale()),
                  count: slot.time.placesLeft,
                })}
              />
              <span>{formatClockTime(slot.time.startsAt, timezone, siteLocale())}</span>
            </label>
          ),
        )}
      </div>
    </div>
  );
}

function localTimeOf(slot: Slot): string {
  return slot.kind === 'free' ? slot.time.localTime : slot.localTime;
}

function startsAtOf(slot: Slot): string {
  return slot.kind === 'free' ? slot.time.startsAt : slot.startsAt;
}
