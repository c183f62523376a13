import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ElevenLabsSignatureError,
  type SignatureFailure,
  signElevenLabsPayload,
  verifyElevenLabsSignature,
} from '../../functions/webhooks/elevenlabs-signature.ts';

const secret = 'wsec_unit_test';
const body = '{"type":"post_call_transcription","data":{"conversation_id":"conv_1"}}';
const now = Date.UTC(2026, 11, 24, 17, 0, 0);
const nowSeconds = now / 1000;

function failureOf(action: () => unknown): SignatureFailure | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof ElevenLabsSignatureError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('verifyElevenLabsSignature', () => {
  it('accepts a payload signed with the secret and returns its timestamp', () => {
    const header = signElevenLabsPayload(body, secret, nowSeconds - 60);

    const verified = verifyElevenLabsSignature(body, header, secret, now);

    expect(verified).toEqual({ timestamp: nowSeconds - 60 });
  });

  it('signs as ElevenLabs documents: hex HMAC-SHA256 of "<t>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`${nowSeconds}.${body}`).digest('hex');

    const header = signElevenLabsPayload(body, secret, nowSeconds);

    expect(header).toBe(`t=${nowSeconds},v0=${expected}`);
  });

  it('accepts the raw body as bytes as well as text', () => {
    const header = signElevenLabsPayload(body, secret, nowSeconds);

    expect(() =>
      verifyElevenLabsSignature(Buffer.from(body, 'utf8'), header, secret, now),
    ).not.toThrow();
  });

  it('accepts any one matching v0 (a secret being rotated)', () => {
    const good = signElevenLabsPayload(body, secret, nowSeconds);
    const other = signElevenLabsPayload(body, 'wsec_old', nowSeconds).split(',')[1];

    expect(() =>
      verifyElevenLabsSignature(
        body,
        `${good.split(',')[0]},${other},${good.split(',')[1]}`,
        secret,
        now,
      ),
    ).not.toThrow();
  });

  it.each<[string, () => string | undefined, string, SignatureFailure]>([
    [
      'a wrong secret',
      () => signElevenLabsPayload(body, 'wsec_other', nowSeconds),
      body,
      'mismatch',
    ],
    [
      'a tampered body',
      () => signElevenLabsPayload(body, secret, nowSeconds),
      body.replace('conv_1', 'conv_2'),
      'mismatch',
    ],
    [
      'a signature older than 30 minutes',
      () => signElevenLabsPayload(body, secret, nowSeconds - 30 * 60 - 1),
      body,
      'stale',
    ],
    [
      'a signature more than 5 minutes ahead',
      () => signElevenLabsPayload(body, secret, nowSeconds + 5 * 60 + 1),
      body,
      'from-the-future',
    ],
    ['a missing header', () => undefined, body, 'missing'],
    ['an empty header', () => '  ', body, 'missing'],
    ['a header that is not t=…,v0=…', () => 'sha256=abcdef', body, 'malformed'],
    ['a header without v0', () => `t=${nowSeconds}`, body, 'malformed'],
    ['a header without t', () => `v0=${'a'.repeat(64)}`, body, 'malformed'],
    ['a v0 that is not 64 hex digits', () => `t=${nowSeconds},v0=abc123`, body, 'malformed'],
    [
      'a timestamp that is not a number',
      () => signElevenLabsPayload(body, secret, nowSeconds).replace(/^t=\d+/, 't=soon'),
      body,
      'malformed',
    ],
  ])('refuses %s', (_case, header, received, reason) => {
    const failure = failureOf(() => verifyElevenLabsSignature(received, header(), secret, now));

    expect(failure).toBe(reason);
  });

  it('accepts the edges of the window: 30 minutes old and 5 minutes ahead', () => {
    const oldest = signElevenLabsPayload(body, secret, nowSeconds - 30 * 60);
    const newest = signElevenLabsPayload(body, secret, nowSeconds + 5 * 60);

    expect(failureOf(() => verifyElevenLabsSignature(body, oldest, secret, now))).toBeUndefined();
    expect(failureOf(() => verifyElevenLabsSignature(body, newest, secret, now))).toBeUndefined();
  });

  it('refuses to verify with an empty secret rather than skipping the check', () => {
    const header = signElevenLabsPayload(body, '', nowSeconds);

    expect(() => verifyElevenLabsSignature(body, header, '', now)).toThrow(/secret is empty/);
  });
});
