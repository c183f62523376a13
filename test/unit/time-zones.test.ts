import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatUtcOffset,
  searchZones,
  zoneChoices,
} from '../../functions/core/time-zones.ts';
import { availabilityQuery } from '../../functions/schemas/availability-query.ts';
import {
  rescheduleRequestSchema,
  timezoneSchema,
} from '../../functions/schemas/booking-request.ts';

describe('canonicalTimeZone: what a zone name is stored as', () => {
  it.each([
    ['UTC, what a browser on a UTC machine reports', 'UTC', 'UTC'],
    ['lower-case utc', 'utc', 'UTC'],
    ['Etc/UTC', 'Etc/UTC', 'UTC'],
    ['GMT', 'GMT', 'UTC'],
    ['Etc/GMT', 'Etc/GMT', 'UTC'],
    ['Etc/Universal', 'Etc/Universal', 'UTC'],
    ['Zulu', 'Zulu', 'UTC'],
    ['Asia/Calcutta (renamed 1993)', 'Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev (renamed 2022)', 'Europe/Kiev', 'Europe/Kyiv'],
    ['America/Godthab (renamed 2020)', 'America/Godthab', 'America/Nuuk'],
    ['Asia/Saigon', 'Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['US/Eastern', 'US/Eastern', 'America/New_York'],
    ['America/Buenos_Aires', 'America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['a canonical zone', 'Asia/Kolkata', 'Asia/Kolkata'],
    ['a canonical zone in another case', 'europe/london', 'Europe/London'],
    ['Norway’s own name (linked to Berlin since 2022), kept', 'Europe/Oslo', 'Europe/Oslo'],
    ['the Netherlands’ own name, kept', 'Europe/Amsterdam', 'Europe/Amsterdam'],
    ['a fixed offset zone', 'Etc/GMT+5', 'Etc/GMT+5'],
    ['an unknown name', 'Nowhere/Else', undefined],
    ['an empty name', '', undefined],
    ['an abbreviation that is not a zone', 'BST', undefined],
    ['a legacy rule without a place', 'EST', undefined],
    ['another legacy rule', 'CET', undefined],
    ['a legacy rule with DST', 'EST5EDT', undefined],
  ])('%s: %j → %j', (_, name, stored) => {
    expect(canonicalTimeZone(name)).toBe(stored);
  });
});

describe('the API takes UTC and deprecated names, and stores the canonical one', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['America/Godthab', 'America/Nuuk'],
    ['America/New_York', 'America/New_York'],
  ])('%s → %s', (zone, stored) => {
    expect(timezoneSchema.parse(zone)).toBe(stored);
    expect(rescheduleRequestSchema.parse({ callNow: true, timezone: zone }).timezone).toBe(stored);
    expect(availabilityQuery.parse({ date: '2026-12-24', timezone: zone }).timezone).toBe(stored);
  });

  it('refuses an unknown zone, saying what to choose', () => {
    expect(timezoneSchema.safeParse('Mars/Olympus').error?.issues[0]?.message).toBe(
      'Choose a time zone from the list, e.g. Europe/London or UTC.',
    );
  });
});

describe('zoneChoices and searchZones: the picker’s zones', () => {
  const names = new Intl.DisplayNames('en', { type: 'region' });
  const choices = zoneChoices(new Date('2026-12-01T12:00:00Z'), (code) => names.of(code) ?? code);
  const ids = choices.map((choice) => choice.id);
  const search = (query: string) => searchZones(choices, query).map((choice) => choice.label);

  it('lists only canonical zones, UTC among them, each once', () => {
    for (const alias of [
      'Asia/Calcutta',
      'Europe/Kiev',
      'America/Godthab',
      'Asia/Saigon',
      'US/Eastern',
      'Etc/UTC',
    ]) {
      expect(ids).not.toContain(alias);
    }
    for (const zone of [
      'UTC',
      'Asia/Kolkata',
      'Europe/Kyiv',
      'America/Nuuk',
      'Europe/Oslo',
      'Europe/London',
    ]) {
      expect(ids).toContain(zone);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => canonicalTimeZone(id) === id)).toBe(true);
  });

  it.each([
    ['Kolkata', 'Kolkata — India (GMT+5:30)'],
    ['Kyiv', 'Kyiv — Ukraine (GMT+2)'],
    ['kiev (the former name finds the current one)', 'Kyiv — Ukraine (GMT+2)'],
    ['Calcutta', 'Kolkata — India (GMT+5:30)'],
    ['Nuuk', 'Nuuk — Greenland (GMT-2)'],
    ['london', 'London — United Kingdom (GMT+0)'],
    ['United Kingdom', 'London — United Kingdom (GMT+0)'],
    ['Guernsey (its own name for London’s zone)', 'Guernsey — Guernsey (GMT+0)'],
    ['Jersey', 'Jersey — Jersey (GMT+0)'],
    ['zurich (accents ignored)', 'Zurich — Switzerland (GMT+1)'],
    ['sao paulo', 'Sao Paulo — Brazil (GMT-3)'],
    ['utc', 'UTC — Coordinated Universal Time (GMT+0)'],
    ['+5:30', 'Colombo — Sri Lanka (GMT+5:30)'],
    ['GMT+5:30 india', 'Kolkata — India (GMT+5:30)'],
    ['India (the country, before Indianapolis and Indian/…)', 'Kolkata — India (GMT+5:30)'],
    ['pacific time', 'Los Angeles — United States (GMT-8)'],
    ['India Standard Time', 'Kolkata — India (GMT+5:30)'],
  ])('%s → first: %s', (query, label) => {
    expect(search(query.replace(/ \(.*\)$/, ''))[0]).toBe(label);
  });

  it('finds a zone by its everyday name: "Eastern Time" lists the US and Canadian eastern zones first', () => {
    const found = search('Eastern Time');
    expect(found.slice(0, 5).every((label) => label.endsWith('(GMT-5)'))).toBe(true);
    expect(found.slice(0, 20)).toContain('New York — United States (GMT-5)');
  });

  it('finds nothing for nonsense, everything for nothing', () => {
    expect(search('qwertyuiop')).toEqual([]);
    expect(search('  ')).toHaveLength(choices.length);
  });

  it.each([
    [0, 'GMT+0'],
    [330, 'GMT+5:30'],
    [-180, 'GMT-3'],
    [-570, 'GMT-9:30'],
    [765, 'GMT+12:45'],
  ])('formatUtcOffset(%i) → %s', (minutes, text) => {
    expect(formatUtcOffset(minutes)).toBe(text);
  });
});
