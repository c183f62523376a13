import ct from 'countries-and-timezones';
import {
  type CountryCode,
  type PhoneNumberType,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { type PhoneNumberProblem, phoneNumberProblemMessages } from './phone-number-problems.ts';
import { countryZones } from './time-zones.ts';
import {
  describeTypedPhoneNumberProblem,
  readPhoneNumber,
  withArticle,
} from './typed-phone-number.ts';

export type { PhoneNumberProblem };

/**
 * What a phone number says about who Santa calls: whether Santa may call it at all, its country,
 * and the time zones in use there. Pure. Numbers are judged with libphonenumber-js's full (`max`)
 * metadata, which knows each country's number types (mobile, premium rate, …); countries map to
 * IANA zones with `countries-and-timezones` (built from the tz database's zone1970.tab and
 * backward links).
 */

/** Number types that cost the caller extra, reach no household, or cannot hold a conversation. */
const refusedTypes: Partial<Record<PhoneNumberType, PhoneNumberProblem>> = {
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  UAN: 'uan',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  VOICEMAIL: 'voicemail',
};

/**
 * Why Santa will not call `value` (a number in international format, `+` first), or undefined
 * when he may: it must be valid for its country by the full metadata, have no extension, belong
 * to a country (not an international network such as +800, +808, +870, +881–+883 or +979), and
 * not be premium-rate, shared-cost, a company access number (UAN), a personal (follow-me)
 * number, a pager or a voicemail access number.
 */
export function phoneNumberProblem(value: string): PhoneNumberProblem | undefined {
  const typed = value.trim();
  const parsed = typed.startsWith('+') ? parsePhoneNumberFromString(typed) : undefined;
  if (!parsed) return 'invalid';
  // Checked before validity: the parent learns what to change, not only that it is wrong.
  if (parsed.ext) return 'extension';
  if (parsed.isNonGeographic()) return 'international_network';
  if (!parsed.isValid()) return 'invalid';
  const type = parsed.getType();
  return type ? refusedTypes[type] : undefined;
}

/**
 * The sentence a parent reads next to the phone number field (the booking schema's words); an
 * invalid number is given an example from `country` (ISO 3166-1 alpha-2: the country chosen,
 * or the number's own, `phoneNumberCountryCode`), never a US one to a parent elsewhere.
 */
export function describePhoneNumberProblem(problem: PhoneNumberProblem, country?: string): string {
  return country
    ? describeTypedPhoneNumberProblem(problem, country)
    : phoneNumberProblemMessages[problem];
}

/**
 * The country a number in international format speaks of, even an invalid one: its own where
 * the full metadata places it, else the main country of its calling code (+1 → US).
 */
export function phoneNumberCountryCode(value: string): string | undefined {
  const typed = value.trim();
  if (!typed.startsWith('+')) return undefined;
  return parsePhoneNumberFromString(typed)?.country ?? readPhoneNumber(typed).country;
}

/**
 * The country of a number in E.164, as ISO 3166-1 alpha-2 and an English name ("the United
 * Kingdom"), or undefined for an unparseable or international-network number.
 */
export function phoneNumberCountry(e164: string): { code: string; name: string } | undefined {
  const code = parsePhoneNumberFromString(e164.trim())?.country;
  if (!code) return undefined;
  const name = ct.getCountry(code)?.name ?? code;
  return { code, name: withArticle(name) };
}

/**
 * The IANA zones in use in a number's country (`e164` in E.164), by the names that country uses:
 * where the tz database now links a country's zone to a neighbour's (Europe/Oslo to
 * Europe/Berlin since 2022), the country's own link name is given. Empty for a number with no
 * country, or a country the zone data does not know.
 */
export function phoneNumberZones(e164: string): readonly string[] {
  const country = parsePhoneNumberFromString(e164.trim())?.country;
  return country ? countryZones(country) : [];
}

/** The zone a name links to in the tz database (`US/Eastern` → `America/New_York`), else itself. */
function canonicalZone(zone: string): string {
  let name = zone;
  for (let hop = 0; hop < 3; hop++) {
    const target = ct.getTimezone(name)?.aliasOf;
    if (!target) break;
    name = target;
  }
  return name;
}

export type CalleeTimezone =
  | { readonly zone: string }
  | { readonly problem: 'zone_mismatch'; readonly zones: readonly string[] };

/**
 * The zone Santa's calling hours are judged in for a call to `e164`, given the zone the parent
 * chose: the country's zone when it has one (the chosen zone must be it or a link to it), the
 * chosen zone when it is one of the country's several (named as `phoneNumberZones` names it),
 * and the chosen zone when the number's country is not known to the zone data. Otherwise a
 * mismatch, with the zones that would do.
 */
export function calleeTimezone(e164: string, chosenZone: string): CalleeTimezone {
  const zones = phoneNumberZones(e164);
  if (zones.length === 0) return { zone: chosenZone };
  const chosen = canonicalZone(chosenZone);
  const match = zones.find((zone) => canonicalZone(zone) === chosen);
  return match ? { zone: match } : { problem: 'zone_mismatch', zones };
}

/**
 * What to tell a parent whose chosen zone is not where the number is: "This number is in the
 * United Kingdom: choose Europe/London." For a country of several zones, how to find the right
 * one in the picker (which then offers only that country's) rather than a list of raw ids that
 * starts with America/Adak for a parent in New York.
 */
export function describeZoneMismatch(e164: string, zones: readonly string[]): string {
  const place = `This number is in ${phoneNumberCountry(e164)?.name ?? 'another country'}`;
  if (zones.length === 1) return `${place}: choose ${zones[0]}.`;
  return `${place}: choose one of its ${zones.length} time zones from the list — type your child's city or the zone's name.`;
}

/**
 * A number as typed by a person (spaces, dashes, brackets; `+` and the country code, or a
 * national number with `defaultCountry`, ISO 3166-1 alpha-2) in E.164, the form bookings store;
 * undefined when it is not a possible number. Looser than `phoneNumberProblem`: it finds a
 * number already booked, it does not judge whether Santa may call it.
 */
export function toE164(typed: string, defaultCountry?: string): string | undefined {
  const parsed = parsePhoneNumberFromString(
    typed.trim(),
    defaultCountry ? { defaultCountry: defaultCountry.toUpperCase() as CountryCode } : undefined,
  );
  return parsed?.isPossible() ? parsed.number : undefined;
}
