import type Stripe from 'stripe';
import { authenticationError, invalidRequest, permissionError } from './errors.ts';

export type KeyKind = 'secret' | 'publishable';

const testKey = /^(sk|pk)_test_[0-9A-Za-z_]+$/;

export const publishableKeyRefused =
  'This API call cannot be made with a publishable API key. Please use a secret API key.';

/**
 * The kind of API key a request carries, from `Authorization: Bearer <key>` (or Basic with
 * the key as user name, as `curl -u sk_test_…:` sends it). Like a Stripe test account, the
 * emulator takes any test-mode key; anything else is a 401.
 */
export function authenticate(authorization: string | undefined): KeyKind {
  const key = keyFrom(authorization);
  if (key === undefined) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const match = testKey.exec(key);
  if (!match) {
    throw authenticationError(
      `Invalid API Key provided: ${redact(key)}. The local Stripe emulator takes test-mode keys only (sk_test_… or pk_test_…).`,
    );
  }
  return match[1] === 'sk' ? 'secret' : 'publishable';
}

function keyFrom(authorization: string | undefined): string | undefined {
  const [scheme, credentials] = authorization?.trim().split(/\s+/, 2) ?? [];
  if (!credentials) return undefined;
  if (/^bearer$/i.test(scheme ?? '')) return credentials;
  if (/^basic$/i.test(scheme ?? '')) {
    return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || undefined;
  }
  return undefined;
}

/** Shows a key the way Stripe does in errors: its kind and last four characters only. */
function redact(key: string): string {
  const prefix = /^[a-z]{2,3}_(?:test|live)_/.exec(key)?.[0] ?? '';
  const tail = key.length - prefix.length > 8 ? key.slice(-4) : '';
  return `${prefix}${'*'.repeat(key.length - prefix.length - tail.length)}${tail}`;
}

/**
 * A publishable key acts on an intent only with its client secret (how Stripe.js confirms in
 * the browser); a given secret must match whichever key is used.
 */
export function assertClientSecret(
  intent: Stripe.PaymentIntent,
  clientSecret: string | undefined,
  keyKind: KeyKind,
): void {
  if (clientSecret !== undefined && clientSecret !== intent.client_secret) {
    throw invalidRequest(
      'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
      { param: 'client_secret' },
    );
  }
  if (keyKind === 'publishable' && clientSecret === undefined) {
    throw permissionError(publishableKeyRefused);
  }
}
