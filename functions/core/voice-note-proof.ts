import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Binds a voice note to the draft that uploaded it. `POST /api/voice-notes` issues a fresh key
 * (`voice-notes/<draft ulid>.<ending>`) and, only to the page that asked, this proof: an
 * HMAC-SHA256 of the key with the access-token secret (domain-separated from booking tokens
 * by the `voice-note:` prefix), base64url. A booking may name a voice note only with its proof,
 * so nobody can name a key they did not upload — even one they have seen. Nothing is stored:
 * rotating the secret voids proofs not yet used (their uploads expire in ten minutes anyway).
 */
export function voiceNoteProofFor(key: string, secret: string): string {
  return createHmac('sha256', secret).update(`voice-note:${key}`).digest('base64url');
}

/** Constant-time check of a presented proof for `key`. */
export function isValidVoiceNoteProof(key: string, presented: string, secret: string): boolean {
  const expected = Buffer.from(voiceNoteProofFor(key, secret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
