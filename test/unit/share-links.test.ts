import { describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadFileName } from '../../functions/core/download-name.ts';
import {
  hashShareToken,
  isShareLive,
  newShareToken,
  type ShareBooking,
  shareability,
  shareExpiresAtEpoch,
  shareTokenPattern,
} from '../../functions/core/share-links.ts';

const now = new Date('2026-12-26T12:00:00.000Z');

const booking = (overrides: Partial<ShareBooking> = {}): ShareBooking => ({
  callStatus: 'completed',
  purchaseRecording: true,
  audioKey: 'calls/B1/audio.mp3',
  scheduledAt: '2026-12-24T18:00:00.000Z',
  ...overrides,
});

describe('share tokens', () => {
  it('are 256 random bits in base64url, different every time, stored only as SHA-256', () => {
    const tokens = Array.from({ length: 50 }, newShareToken);

    expect(new Set(tokens).size).toBe(50);
    for (const token of tokens) expect(token).toMatch(shareTokenPattern);
    expect(Buffer.from(tokens[0] ?? '', 'base64url')).toHaveLength(32);
    expect(hashShareToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashShareToken(tokens[0] ?? '')).not.toContain(tokens[0]);
  });
});

describe('whether a recording may be shared', () => {
  it('allows a completed call with a bought recording', () => {
    expect(shareability(booking(), now)).toBeUndefined();
  });

  it.each([
    ['erased', booking({ dataErasedAt: '2026-12-25T00:00:00Z' }), 'erased'],
    [
      'not called yet',
      booking({ callStatus: 'scheduled', audioKey: undefined }),
      'call_not_completed',
    ],
    ['not bought', booking({ purchaseRecording: false }), 'recording_not_bought'],
    ['past retention', booking({ scheduledAt: '2025-01-01T00:00:00Z' }), 'expired'],
  ] as const)('refuses when %s', (_, subject, reason) => {
    expect(shareability(subject, now)).toBe(reason);
  });
});

describe('share expiry', () => {
  it('ends when the recording is deleted (400 days after the call), checked in code', () => {
    const expiresAt = shareExpiresAtEpoch(booking());

    expect(new Date(expiresAt * 1000).toISOString()).toBe('2028-01-28T18:00:00.000Z');
    expect(isShareLive({ expiresAt }, new Date(expiresAt * 1000 - 1))).toBe(true);
    expect(isShareLive({ expiresAt }, new Date(expiresAt * 1000))).toBe(false);
  });
});

describe('download names', () => {
  it.each([
    ['Emma', 'mp4', 'santa-call-emma.mp4'],
    [' Zoë  Rose ', 'mp4', 'santa-call-zoe-rose.mp4'],
    ['O"Brien\\', 'mp3', 'santa-call-o-brien.mp3'],
    ['李', 'mp4', 'santa-call.mp4'],
    [undefined, 'mp3', 'santa-call.mp3'],
  ] as const)('%s → %s', (name, extension, expected) => {
    expect(downloadFileName(name, extension)).toBe(expected);
    expect(attachmentDisposition(expected)).toBe(`attachment; filename="${expected}"`);
  });
});
