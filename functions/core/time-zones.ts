import ct from 'countries-and-timezones';
import { IANAZone } from 'luxon';

/**
 * Time zone names as parents' browsers give them and as bookings store them. Pure (given the
 * instant for offsets). The alias table is countries-and-timezones' (pinned in package.json),
 * which is built from the tz database's `backward` file and zone1970.tab: every link
 * (`Asia/Calcutta`, `Europe/Kiev`, `America/Godthab`, `US/Eastern`, …) with the zone it names.
 * `Intl` is not the source: ICU still reports the old names (Chromium and Node both answer
 * `Europe/Kiev` for `Europe/Kyiv`), and `Intl.supportedValuesOf('timeZone')` lists them.
 */

/**
 * The names of Coordinated Universal Time, all stored as `UTC`: ECMA-402 canonicalises
 * `Etc/UTC`, `Etc/GMT`, `GMT` and the rest to `UTC` (the name a browser on a UTC machine
 * reports), and it is the name a person recognises. Compared without case.
 */
const utcNames = new Set(
  [
    'UTC',
    'Etc/UTC',
    'Etc/UCT',
    'UCT',
    'Etc/Universal',
    'Universal',
    'Etc/Zulu',
    'Zulu',
    'GMT',
    'Etc/GMT',
    'Etc/GMT0',
    'Etc/GMT+0',
    'Etc/GMT-0',
    'GMT0',
    'GMT+0',
    'GMT-0',
    'Etc/Greenwich',
    'Greenwich',
  ].map((name) => name.toLowerCase()),
);

/** Every name the alias table knows, by its lower-case spelling (IANA names are case-insensitive). */
let byLowerCase: Map<string, string> | undefined;
function spelled(name: string): string | undefined {
  byLowerCase ??= new Map(
    Object.keys(ct.getAllTimezones({ deprecated: true })).map((zone) => [zone.toLowerCase(), zone]),
  );
  return byLowerCase.get(name.toLowerCase());
}

/**
 * The zone `name` is stored as: `UTC` for every name of UTC; for a deprecated link that renamed
 * a zone of the same country (`Asia/Calcutta` → `Asia/Kolkata`, `Europe/Kiev` → `Europe/Kyiv`,
 * `America/Godthab` → `America/Nuuk`, `US/Eastern` → `America/New_York`), the zone it names;
 * otherwise the name itself, spelled as the tz database spells it. A country's own link to a
 * neighbour's zone (`Europe/Oslo`, merged into `Europe/Berlin` in 2022) stays: it is the name
 * Norway uses, and what `phoneNumberZones` offers. Undefined for a name this runtime's time
 * zone data does not know, and for a name without a place (`EST`, `CET`, `EST5EDT`).
 */
export function canonicalTimeZone(name: string): string | undefined {
  const typed = name.trim();
  if (!typed) return undefined;
  if (utcNames.has(typed.toLowerCase())) return 'UTC';
  // Names without a place (EST, CET, EST5EDT) are the tz database's legacy rules, not where a
  // child lives: refused, as before, though the tz data now links them to a city.
  if (!typed.includes('/')) return undefined;
  let zone = spelled(typed) ?? typed;
  for (let hop = 0; hop < 3; hop++) {
    const link = ct.getTimezone(zone);
    const target = link?.aliasOf ? ct.getTimezone(link.aliasOf) : null;
    // Follow a link only within its country: renames, not merges of neighbours' zones.
    if (!link || !target || link.countries[0] !== target.countries[0]) break;
    zone = target.name;
  }
  if (utcNames.has(zone.toLowerCase())) return 'UTC';
  if (!zone.includes('/') || !IANAZone.isValidZone(zone)) {
    // A link whose target this runtime does not know yet: keep the name it does know.
    return typed.includes('/') && IANAZone.isValidZone(typed)
      ? (spelled(typed) ?? typed)
      : undefined;
  }
  return zone;
}

/** One zone a parent can pick, with what it is shown and found by. */
export interface ZoneChoice {
  /** The IANA id stored, e.g. `Europe/London`; `UTC` for UTC. */
  readonly id: string;
  /** "London — United Kingdom (GMT+0)": city, country, offset at the instant given. */
  readonly label: string;
  /** Minutes east of UTC at the instant given (330 for Asia/Kolkata). */
  readonly offsetMinutes: number;
  /** Lower-case, accent-free text searched: city, countries (names and codes), id, offsets. */
  readonly search: string;
}

/** "GMT+5:30", "GMT-3", "GMT+0", for minutes east of UTC. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  const rest = whole % 60;
  return `GMT${sign}${Math.floor(whole / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** Lower case without accents, so "Zurich" finds "Zürich" and "sao paulo" finds "São Paulo". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The city a zone is named for: `America/Argentina/Buenos_Aires` → "Buenos Aires". */
export function zoneCity(id: string): string {
  return (id.split('/').at(-1) ?? id).replaceAll('_', ' ');
}

/**
 * The IANA zones a country uses (ISO 3166-1 alpha-2), by the names that country uses: where the
 * tz database now links a country's zone to a neighbour's (Europe/Oslo to Europe/Berlin since
 * 2022), the country's own link name is given — only names this runtime's tz data knows, so the
 * zone can be used at once. Empty for a country the zone data does not know.
 */
export function countryZones(country: string): readonly string[] {
  const canonical = ct.getCountry(country)?.timezones ?? [];
  const withLinks = ct.getTimezonesForCountry(country, { deprecated: true }) ?? [];
  return canonical.map((zone) => {
    if (ct.getTimezone(zone)?.countries[0] === country) return zone;
    const own = withLinks
      .filter((link) => link.aliasOf === zone && link.countries[0] === country)
      .map((link) => link.name)
      .filter((name) => IANAZone.isValidZone(name))
      .sort();
    return own[0] ?? zone;
  });
}

/**
 * The zone's names in English, as a parent may know it: "Eastern Time", "Eastern Standard Time",
 * "India Standard Time", "Central European Time". ICU's bare-offset names ("GMT+03:00") are left
 * out: the offset is searched already.
 */
function zoneNames(id: string, at: Date): string[] {
  return (['longGeneric', 'long'] as const)
    .map(
      (timeZoneName) =>
        new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName })
          .formatToParts(at)
          .find((part) => part.type === 'timeZoneName')?.value ?? '',
    )
    .filter((name) => name && !/^GMT/.test(name));
}

/**
 * A choice for one zone at instant `at`; `countryName` gives a country's name from its ISO
 * 3166-1 alpha-2 code (the site passes `Intl.DisplayNames` in the parent's language).
 */
export function zoneChoice(
  id: string,
  at: Date,
  countryName: (code: string) => string,
  countries: readonly string[] = ct.getTimezone(id)?.countries ?? [],
  formerNames: readonly string[] = [],
): ZoneChoice {
  const offsetMinutes = id === 'UTC' ? 0 : IANAZone.create(id).offset(at.getTime());
  const offset = formatUtcOffset(offsetMinutes);
  const names = countries.map(countryName);
  const place =
    id === 'UTC' ? 'Coordinated Universal Time' : (names[0] ?? id.split('/')[0] ?? 'World');
  const city = id === 'UTC' ? 'UTC' : zoneCity(id);
  const utcOffset = offset.replace('GMT', 'UTC');
  const bare = offset.slice(3);
  return {
    id,
    label: `${city} — ${place} (${offset})`,
    offsetMinutes,
    search: foldForSearch(
      [
        city,
        ...names,
        ...countries,
        id,
        offset,
        utcOffset,
        bare,
        ...formerNames.map(zoneCity),
        ...zoneNames(id, at),
        id === 'UTC' ? 'GMT Z' : '',
      ]
        .filter(Boolean)
        .join(' | '),
    ),
  };
}

/**
 * Every zone a parent may pick, at instant `at`: the zones of every country by the names the
 * country uses (canonical zones, never a deprecated rename such as `Asia/Calcutta`), each once,
 * plus `UTC`; only zones this runtime knows. Sorted by label.
 */
export function zoneChoices(at: Date, countryName: (code: string) => string): ZoneChoice[] {
  const countriesOf = new Map<string, string[]>();
  for (const country of Object.keys(ct.getAllCountries())) {
    for (const zone of countryZones(country)) {
      const list = countriesOf.get(zone) ?? [];
      list.push(country);
      countriesOf.set(zone, list);
    }
  }
  // Renamed zones are found by their former names too ("Kiev" finds Kyiv), never listed.
  const formerNames = new Map<string, string[]>();
  for (const link of Object.values(ct.getAllTimezones({ deprecated: true }))) {
    if (!link.aliasOf || canonicalTimeZone(link.name) !== link.aliasOf) continue;
    formerNames.set(link.aliasOf, [...(formerNames.get(link.aliasOf) ?? []), link.name]);
  }
  const choices = [zoneChoice('UTC', at, countryName, [])];
  for (const [zone, countries] of countriesOf) {
    if (!IANAZone.isValidZone(zone)) continue;
    // The zone's own country first: London is the United Kingdom's, Guernsey's too.
    const home = ct.getTimezone(zone)?.countries[0];
    const ordered =
      home && countries.includes(home)
        ? [home, ...countries.filter((code) => code !== home)]
        : countries;
    choices.push(zoneChoice(zone, at, countryName, ordered, formerNames.get(zone)));
  }
  return choices.sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * The choices matching what a parent typed: every word of `query` must appear (accents and case
 * ignored) in the city, a country, the id, the zone's English name ("Eastern Time") or the offset
 * ("+5:30", "GMT-3", "utc+1"). A city, country or zone name equal to the query comes first, then
 * cities starting with it, then other names starting with it, then the rest.
 */
export function searchZones(choices: readonly ZoneChoice[], query: string): ZoneChoice[] {
  const words = foldForSearch(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...choices];
  const first = words.join(' ');
  const rank = (choice: ZoneChoice) => {
    const fields = choice.search.split(' | ');
    // A whole name typed ("India", "Eastern Time") beats names that merely start with it
    // ("Indianapolis", "Indian/Antananarivo").
    if (fields.includes(first)) return 0;
    if (choice.search.startsWith(first)) return 1;
    if (choice.search.includes(`| ${first}`)) return 2;
    return 3;
  };
  // Then the choices whose label (city, country, offset) has more of the words: "India Standard
  // Time" is also Colombo's zone name, but India is Kolkata's country.
  const missing = (choice: ZoneChoice) =>
    words.filter((word) => !foldForSearch(choice.label).includes(word)).length;
  return choices
    .filter((choice) => words.every((word) => choice.search.includes(word)))
    .map((choice) => ({ choice, rank: rank(choice), missing: missing(choice) }))
    .sort((a, b) => a.rank - b.rank || a.missing - b.missing)
    .map(({ choice }) => choice);
}
