import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canonicalTimeZone,
  searchZones,
  type ZoneChoice,
  zoneChoice,
  zoneChoices,
} from '../../../functions/core/time-zones.ts';
import { detectedTimeZone } from '../lib/format.ts';
import { errorId, FieldError } from './Field.tsx';
import './ZonePicker.css';

/** The visitor's zone as stored: ICU's old names (`Asia/Calcutta`) become current ones. */
export function detectedZone(): string {
  const detected = detectedTimeZone();
  return canonicalTimeZone(detected) ?? detected;
}

let regionNames: Intl.DisplayNames | undefined | null;
function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  return regionNames?.of(code) ?? code;
}

/** A choice for any zone, even one not listed (an old booking's deprecated name). */
function choiceFor(zone: string, at: Date): ZoneChoice {
  const id = canonicalTimeZone(zone) ?? zone;
  try {
    return zoneChoice(id, at, countryName);
  } catch {
    return { id: zone, label: zone, offsetMinutes: 0, search: zone.toLowerCase() };
  }
}

/**
 * The time zone, as an ARIA 1.2 combobox with a list: type a city, a country or an offset
 * ("Kolkata", "India", "+5:30") and pick from what matches, labelled "London — United Kingdom
 * (GMT+0)" with today's offset. Only canonical zones are offered (functions/core/time-zones.ts);
 * `zones` narrows them to a number's country. Keyboard: ↓/↑ move, Enter picks, Escape
 * closes and restores, Tab leaves. The chosen id is on the input as `data-zone`.
 */
export function ZonePicker({
  id,
  label,
  value,
  zones,
  error,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  /** The IANA id chosen (`UTC` for UTC). */
  readonly value: string;
  /** When set, only these zones are offered (the callee's country's). */
  readonly zones?: readonly string[] | undefined;
  readonly error?: string | undefined;
  readonly onChange: (zone: string) => void;
}) {
  const { t } = useTranslation('book');
  const listId = useId();
  const hintId = `${id}-zone-hint`;
  const at = useMemo(() => new Date(), []);
  const all = useMemo(() => zoneChoices(at, countryName), [at]);
  const offered = useMemo(() => {
    const list = zones?.length ? zones.map((zone) => choiceFor(zone, at)) : all;
    const current = canonicalTimeZone(value) ?? value;
    return list.some((choice) => choice.id === current) ? list : [choiceFor(value, at), ...list];
  }, [zones, all, at, value]);
  const selected = offered.find((choice) => choice.id === (canonicalTimeZone(value) ?? value));
  const [query, setQuery] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);

  const matches = useMemo(
    () => (query === undefined ? offered : searchZones(offered, query)),
    [offered, query],
  );

  useEffect(() => {
    if (!open) return;
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const openAt = (index: number) => {
    setOpen(true);
    setActive(Math.max(0, Math.min(index, matches.length - 1)));
  };
  const close = () => {
    setOpen(false);
    setQuery(undefined);
  };
  const pick = (choice: ZoneChoice | undefined) => {
    if (choice && choice.id !== value) onChange(choice.id);
    close();
  };

  // Opening the list shows the chosen zone, not the top of the alphabet.
  const selectedIndex = Math.max(
    0,
    matches.findIndex((choice) => choice.id === selected?.id),
  );
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        openAt(open ? active + 1 : query === undefined ? selectedIndex : 0);
        break;
      case 'ArrowUp':
        event.preventDefault();
        openAt(open ? active - 1 : selectedIndex);
        break;
      case 'Home':
      case 'End':
        if (open) {
          event.preventDefault();
          openAt(event.key === 'Home' ? 0 : matches.length - 1);
        }
        break;
      case 'Enter':
        if (open) {
          // Picks, and does not submit the form.
          event.preventDefault();
          pick(matches[active]);
        }
        break;
      case 'Escape':
        if (open || query !== undefined) {
          event.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const activeId = open && matches[active] ? `${listId}-${active}` : undefined;
  const describedBy = [hintId, error ? errorId(`${id}-zone`) : undefined].filter(Boolean).join(' ');

  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${id}-zone`}>{label}</label>
      <p className="hint" id={hintId}>
        {t('zone.hint')}
      </p>
      <div className="zone-picker">
        <input
          id={`${id}-zone`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-zone={selected?.id ?? value}
          value={query ?? selected?.label ?? value}
          onFocus={(event) => event.currentTarget.select()}
          onClick={() => {
            if (!open) openAt(selectedIndex);
          }}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <div
          id={listId}
          ref={list}
          role="listbox"
          aria-label={t('zone.matching')}
          className="zone-picker-list"
          hidden={!open}
        >
          {open && matches.length === 0 ? (
            <div
              className="zone-picker-empty"
              role="option"
              aria-selected={false}
              aria-disabled
              tabIndex={-1}
            >
              {t('zone.none', { query })}
            </div>
          ) : null}
          {open
            ? matches.map((choice, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the input's (aria-activedescendant), as ARIA's combobox pattern has it
                <div
                  key={choice.id}
                  id={`${listId}-${index}`}
                  data-index={index}
                  role="option"
                  tabIndex={-1}
                  aria-selected={choice.id === selected?.id}
                  className={index === active ? 'zone-picker-active' : undefined}
                  // Keeps the focus in the input, so the blur does not close the list first.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(choice)}
                >
                  {choice.label}
                </div>
              ))
            : null}
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open && query !== undefined ? t('zone.matches', { count: matches.length }) : ''}
      </p>
      <FieldError id={`${id}-zone`} error={error} />
    </div>
  );
}
