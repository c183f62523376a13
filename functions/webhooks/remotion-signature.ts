import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Remotion signs webhooks with (HTTP header names are case-insensitive). */
export const remotionSignatureHeader = 'x-remotion-signature';

/**
 * What Remotion sends instead of a signature when the render was started without a secret
 * (`calculateSignature` in @remotion/serverless). We always start renders with one, so this
 * value is refused like any other mismatch.
 */
const unsignedMarker = 'NO_SECRET_PROVIDED';

export type RemotionSignatureFailure = 'missing' | 'malformed' | 'mismatch';

/** A webhook whose signature does not hold; the handler answers 401 and changes nothing. */
export class RemotionSignatureError extends Error {
  override readonly name = 'RemotionSignatureError';

  constructor(
    readonly reason: RemotionSignatureFailure,
    message: string,
  ) {
    super(message);
  }
}

const sha512Hex = /^sha512=([0-9a-f]{128})$/i;

/**
 * Checks `X-Remotion-Signature: sha512=<hex HMAC-SHA512(secret, raw body)>` on the raw body,
 * exactly as received, comparing in constant time. Remotion signs no timestamp: freshness is
 * judged by the handler on `customData.startedAt`, which is inside the signed body.
 * Always required — an unsigned webhook (`NO_SECRET_PROVIDED`) is refused.
 * Throws `RemotionSignatureError` (missing | malformed | mismatch); an empty secret is a
 * configuration fault and throws a plain Error (never "skip verification").
 */
export function verifyRemotionSignature(
  rawBody: string | Uint8Array,
  header: string | undefined,
  secret: string,
): void {
  if (!secret) throw new Error('The Remotion webhook secret is empty; refusing to verify.');
  const value = header?.trim();
  if (!value) {
    throw new RemotionSignatureError('missing', 'The X-Remotion-Signature header is missing.');
  }
  if (value === unsignedMarker) {
    throw new RemotionSignatureError('missing', 'The webhook was sent without a signature.');
  }
  const match = sha512Hex.exec(value);
  if (!match?.[1]) {
    throw new RemotionSignatureError(
      'malformed',
      'The X-Remotion-Signature header is not sha512=<128 hex digits>.',
    );
  }
  // Both are 64 bytes here, as timingSafeEqual needs.
  if (!timingSafeEqual(Buffer.from(match[1], 'hex'), hmac(rawBody, secret))) {
    throw new RemotionSignatureError('mismatch', 'The signature does not match the payload.');
  }
}

/** The `X-Remotion-Signature` value for a body, as Remotion computes it (the local render service signs with it; tests too). */
export function signRemotionPayload(body: string | Uint8Array, secret: string): string {
  return `sha512=${hmac(body, secret).toString('hex')}`;
}

function hmac(body: string | Uint8Array, secret: string): Buffer {
  return createHmac('sha512', secret).update(body).digest();
}
