import {
  type CountryCode,
  getCountryCallingCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.min.json';
import { type PhoneNumberProblem, phoneNumberProblemMessages } from './phone-number-problems.ts';

/**
 * A phone number as a parent types it, read against the country they chose: national format
 * ("07400 123456" with the United Kingdom) or international ("+44 7400 123456"), and what to
 * tell them, with an example from that country. Pure. Uses libphonenumber-js's small default
 * metadata and its mobile examples (~4 KiB, ~1.4 KiB gzipped), so the site can run it; the
 * number types that need the full metadata are judged by `phone-numbers.ts`.
 */

export type TypedPhoneNumber =
  /** `e164` as bookings store it; `country` (ISO 3166-1 alpha-2) where the number belongs. */
  | { readonly e164: string; readonly country?: string | undefined }
  /** Why it is refused; `country`, the country its message speaks of, when one is known. */
  | { readonly problem: PhoneNumberProblem; readonly country?: string | undefined };

/** `code` as a country libphonenumber-js knows (upper-cased), else undefined. */
export function phoneCountryCode(code: string | undefined): CountryCode | undefined {
  const upper = code?.trim().toUpperCase();
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

/** The main country of a calling code: 1 → US, 44 → GB (the metadata lists it first). */
function mainCountry(callingCode: string): string | undefined {
  const codes = (metadata as { country_calling_codes: Record<string, string[]> })
    .country_calling_codes;
  return codes[callingCode]?.[0];
}

/**
 * `typed` read as a phone number: with `selectedCountry` (ISO 3166-1 alpha-2) a number without
 * `+` is that country's national number; with `+` (or the country's international prefix, such
 * as 00) the code typed decides. Valid for its country by the small metadata, no extension,
 * not an international network (+800, +808, +870, +881–+883, +979).
 */
export function readPhoneNumber(typed: string, selectedCountry?: string): TypedPhoneNumber {
  const value = typed.trim();
  const selected = phoneCountryCode(selectedCountry);
  const parsed =
    value.startsWith('+') || selected
      ? parsePhoneNumberFromString(value, selected ? { defaultCountry: selected } : undefined)
      : undefined;
  if (!parsed) return { problem: 'invalid', country: selected };
  if (parsed.ext) return { problem: 'extension', country: selected ?? parsed.country };
  if (parsed.isNonGeographic()) return { problem: 'international_network' };
  if (!parsed.isValid()) {
    // The country whose numbers the parent is shown: the chosen one, unless another code was typed.
    const code = parsed.countryCallingCode;
    const country =
      selected && getCountryCallingCode(selected) === code
        ? selected
        : (parsed.country ?? mainCountry(code));
    return { problem: 'invalid', country };
  }
  return { e164: parsed.number, country: parsed.country };
}

/** A country's name in English, "United Kingdom"; the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country's name as a sentence needs it: "the United Kingdom", "the Netherlands", "France". */
export function withArticle(name: string): string {
  const takesThe =
    /^(United|Czech|Dominican|Central African|Holy See)\b|\b(Islands|Republic|Kingdom|Emirates|Territory|Territories)\b|^(Bahamas|Comoros|Gambia|Maldives|Netherlands|Philippines|Seychelles)$/;
  return takesThe.test(name) ? `the ${name}` : name;
}

const inSentence = (code: string) => withArticle(countryName(code));

/**
 * A mobile number of `country` as its people write it and as dialled from abroad:
 * `{ national: '07400 123456', international: '+44 7400 123456' }` (libphonenumber-js's
 * examples, from Google's libphonenumber metadata); undefined for a country without one.
 */
export function examplePhoneNumber(
  country: string,
): { national: string; international: string } | undefined {
  const code = phoneCountryCode(country);
  const example = code ? getExampleNumber(code, examples) : undefined;
  if (!example) return undefined;
  return { national: example.formatNational(), international: example.formatInternational() };
}

/**
 * The sentence for a refused number. An invalid one is told the format of `country` with its
 * example ("Enter a valid United Kingdom phone number, e.g. 07400 123456 or +44 7400
 * 123456."); without a country, no example (never a US one to a parent who is not in the US).
 */
export function describeTypedPhoneNumberProblem(
  problem: PhoneNumberProblem,
  country?: string,
): string {
  if (problem !== 'invalid' || !country) return phoneNumberProblemMessages[problem];
  const example = examplePhoneNumber(country);
  const name = inSentence(country);
  return example
    ? `Enter a valid phone number for ${name}, e.g. ${example.national} or ${example.international}.`
    : `Enter a valid phone number for ${name}, or choose the country the number is in.`;
}

/**
 * What a parent should know when the number belongs to another country than the one chosen
 * ("+1 416 …" is Canada's while the United States is chosen): undefined when they agree.
 */
export function describeOtherCountry(
  numberCountry: string | undefined,
  selectedCountry: string | undefined,
): string | undefined {
  const selected = phoneCountryCode(selectedCountry);
  if (!numberCountry || !selected || numberCountry === selected) return undefined;
  return `This number is in ${inSentence(numberCountry)}, not ${inSentence(selected)}.`;
}
