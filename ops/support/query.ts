import { emailContactKey, phoneContactKey } from '../../functions/core/contact-key.ts';
import { toE164 } from '../../functions/core/phone-numbers.ts';

/** A booking id as `ulid()` makes it: 26 characters of Crockford's base32. */
const bookingIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** A run's or schedule's name, `booking-<id>-v<n>…`, as the console and the alarms show it. */
const namedAfterBookingPattern = /^booking-([0-9A-HJKMNP-TV-Z]{26})(?:-|$)/i;

/**
 * The booking id support typed after `show` or an action: a ULID in any case (as copied from an
 * email or read out on the phone), or the name of one of its runs or schedules.
 *
 * @throws Error with a sentence to show when it is not one
 */
export function parseBookingId(typed: string): string {
  const value = typed.trim();
  if (bookingIdPattern.test(value)) return value.toUpperCase();
  const named = namedAfterBookingPattern.exec(value)?.[1];
  if (named) return named.toUpperCase();
  throw new Error(
    `"${value}" is not a booking id: a booking id is 26 letters and digits (01JF5Z8Q3W…); find it by the parent's email or phone with "find".`,
  );
}

export type FindQuery =
  | { readonly kind: 'bookingId'; readonly bookingId: string }
  | { readonly kind: 'email' | 'phone'; readonly contactKey: string };

/**
 * What support typed after `find`, understood: a booking id, an email (it has an `@`), or a phone
 * number (E.164, or national with `country`). Only a hash of a contact leaves this function.
 *
 * @throws Error with a sentence to show when it is none of these
 */
export function parseFindQuery(typed: string, country?: string): FindQuery {
  const value = typed.trim();
  if (bookingIdPattern.test(value)) return { kind: 'bookingId', bookingId: value.toUpperCase() };
  if (value.includes('@')) return { kind: 'email', contactKey: emailContactKey(value) };
  const e164 = toE164(value, country);
  if (!e164) {
    throw new Error(
      'Give a booking id, an email address, or a phone number with its country code (+44 …) or with --country GB.',
    );
  }
  return { kind: 'phone', contactKey: phoneContactKey(e164) };
}
