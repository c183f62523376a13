import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A booking's access token is derived from the booking id with a server secret, so any
 * handler (the payment webhook writing the confirmation email, say) can put it in a link
 * without the token ever being stored. Rotating the secret revokes every link.
 */
export function accessTokenFor(bookingId: string, secret: string): string {
  return createHmac('sha256', secret).update(`booking-access:${bookingId}`).digest('base64url');
}

/** Constant-time check of a presented token. */
export function isValidAccessToken(bookingId: string, presented: string, secret: string): boolean {
  const expected = Buffer.from(accessTokenFor(bookingId, secret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
