import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header ElevenLabs signs post-call webhooks with (HTTP header names are case-insensitive). */
export const elevenLabsSignatureHeader = 'elevenlabs-signature';

/** ElevenLabs documents 30 minutes; older signatures may be replays. */
export const maxSignatureAgeSeconds = 30 * 60;

/**
 * ElevenLabs bounds only the past. A timestamp far ahead would stay "fresh" for as long as it
 * likes, so the future is bounded too: a few minutes covers any honest clock skew.
 */
export const maxClockSkewSeconds = 5 * 60;

export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'from-the-future' | 'mismatch';

/** A webhook whose signature does not hold; the handler answers 401 and changes nothing. */
export class ElevenLabsSignatureError extends Error {
  override readonly name = 'ElevenLabsSignatureError';

  constructor(
    readonly reason: SignatureFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedSignature {
  /** When ElevenLabs signed the payload, in unix seconds. */
  readonly timestamp: number;
}

/**
 * Checks `ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * on the raw body, exactly as received: comparing in constant time, and refusing a timestamp
 * more than 30 minutes old or more than 5 minutes ahead. Throws `ElevenLabsSignatureError`.
 */
export function verifyElevenLabsSignature(
  rawBody: string | Uint8Array,
  header: string | undefined,
  secret: string,
  now: number = Date.now(),
): VerifiedSignature {
  // Fail closed: an unset secret is a configuration fault, never "skip verification".
  if (!secret) throw new Error('The ElevenLabs webhook secret is empty; refusing to verify.');
  if (!header?.trim()) {
    throw new ElevenLabsSignatureError('missing', 'The ElevenLabs-Signature header is missing.');
  }
  const { timestamp, signatures } = parseHeader(header);
  const nowSeconds = Math.floor(now / 1000);
  if (timestamp < nowSeconds - maxSignatureAgeSeconds) {
    throw new ElevenLabsSignatureError('stale', 'The signature is older than 30 minutes.');
  }
  if (timestamp > nowSeconds + maxClockSkewSeconds) {
    throw new ElevenLabsSignatureError('from-the-future', 'The signature is dated in the future.');
  }
  const expected = hmac(rawBody, secret, timestamp);
  // Several v0 entries may come while a secret is being rotated; one match is enough.
  if (!signatures.some((signature) => timingSafeEqual(signature, expected))) {
    throw new ElevenLabsSignatureError('mismatch', 'The signature does not match the payload.');
  }
  return { timestamp };
}

/** The `ElevenLabs-Signature` value for a payload (the emulator signs with it; tests too). */
export function signElevenLabsPayload(
  body: string | Uint8Array,
  secret: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v0=${hmac(body, secret, timestamp).toString('hex')}`;
}

function hmac(body: string | Uint8Array, secret: string, timestamp: number): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

const sha256Hex = /^[0-9a-f]{64}$/i;

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (separator < 0) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Anything but 64 hex digits cannot be an HMAC-SHA256; timingSafeEqual needs equal lengths.
    if (key === 'v0' && sha256Hex.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined) {
    throw new ElevenLabsSignatureError('malformed', 'The signature header has no valid t=.');
  }
  if (signatures.length === 0) {
    throw new ElevenLabsSignatureError('malformed', 'The signature header has no valid v0=.');
  }
  return { timestamp, signatures };
}
