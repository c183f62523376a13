import { randomInt } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random letters and digits, as Stripe uses in ids and client secrets. */
export function randomToken(length: number): string {
  let token = '';
  for (let i = 0; i < length; i++) token += alphabet[randomInt(alphabet.length)];
  return token;
}

/** A Stripe-looking id: the object's prefix and 24 random letters and digits (`pi_3Qx…`). */
export function stripeId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}
