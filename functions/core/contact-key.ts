import { createHash } from 'node:crypto';

/**
 * How a booking is found by the parent's contact without the index holding the contact itself:
 * the `byContact` index is keyed by `email#<sha-256 hex>` or `phone#<sha-256 hex>`. Pure.
 *
 * The email is hashed trimmed and lower-cased (as `parentEmailKey` is); the phone number in
 * E.164 (`+` and digits, as the booking stores it — `functions/schemas/booking-request.ts`).
 */
export type ContactChannel = 'email' | 'phone';

export const contactChannels = ['email', 'phone'] as const satisfies readonly ContactChannel[];

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `email#<sha-256 hex of the trimmed, lower-cased address>`. */
export function emailContactKey(email: string): string {
  return `email#${sha256Hex(email.trim().toLowerCase())}`;
}

/** `phone#<sha-256 hex of the E.164 number>`; the number must already be E.164. */
export function phoneContactKey(e164: string): string {
  return `phone#${sha256Hex(e164.trim())}`;
}

/** The booking's two contact keys, one per channel. */
export function bookingContactKeys(booking: {
  readonly parentEmail: string;
  readonly phoneNumber: string;
}): Readonly<Record<ContactChannel, string>> {
  return {
    email: emailContactKey(booking.parentEmail),
    phone: phoneContactKey(booking.phoneNumber),
  };
}
