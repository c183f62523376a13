import { describe, expect, it } from 'vitest';
import { accessTokenFor } from '../../functions/core/access-token.ts';
import {
  conversationIdsOf,
  erasedEvent,
  stripePersonalDataUpdate,
  type TrailEvent,
  trailDetailsToForget,
} from '../../functions/core/erasure.ts';
import {
  auditEventExpiresAt,
  bookingExpiresAt,
  mediaRetentionDays,
  recordingExpiresAt,
  retentionDays,
  retentionStatements,
} from '../../functions/core/retention.ts';
import { isValidVoiceNoteProof, voiceNoteProofFor } from '../../functions/core/voice-note-proof.ts';

const secret = 'a-test-secret-that-is-at-least-32-characters-long';
const key = 'voice-notes/01ARZ3NDEKTSV4RRFFQ69G5FAV.webm';

describe('a voice note proof', () => {
  it('is accepted for the key it was issued for', () => {
    const proof = voiceNoteProofFor(key, secret);

    expect(isValidVoiceNoteProof(key, proof, secret)).toBe(true);
  });

  it.each([
    ['another key', 'voice-notes/01ARZ3NDEKTSV4RRFFQ69G5FAW.webm', secret],
    ['another secret', key, `${secret}-rotated`],
  ])('is refused for %s', (_, otherKey, otherSecret) => {
    const proof = voiceNoteProofFor(key, secret);

    expect(isValidVoiceNoteProof(otherKey, proof, otherSecret)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', voiceNoteProofFor(key, secret).slice(0, -1)],
    ['a booking access token', 'x'.repeat(43)],
  ])('refuses a proof that is %s', (_, presented) => {
    expect(isValidVoiceNoteProof(key, presented, secret)).toBe(false);
  });

  it('is not a booking access token for the same text (domain separated)', () => {
    expect(voiceNoteProofFor(key, secret)).not.toBe(accessTokenFor(key, secret));
  });
});

describe('what an erase unsets at Stripe', () => {
  it.each([
    [
      'only our ids and a receipt email',
      { bookingId: 'B1' },
      'p@example.com',
      { receipt_email: '' },
    ],
    [
      'a personal key someone added',
      { bookingId: 'B1', purpose: 'recording', childName: 'Mia' },
      null,
      { metadata: { childName: '' } },
    ],
    [
      'both',
      { bookingId: 'B1', parentEmail: 'p@example.com' },
      'p@example.com',
      { metadata: { parentEmail: '' }, receipt_email: '' },
    ],
  ])('unsets %s', (_, metadata, receiptEmail, expected) => {
    expect(stripePersonalDataUpdate({ metadata, receipt_email: receiptEmail })).toEqual(expected);
  });

  it.each([
    ['our ids only', { bookingId: 'B1', purpose: 'recording' }],
    ['no metadata at all', null],
  ])('sends nothing when %s are left (a retried erase)', (_, metadata) => {
    expect(stripePersonalDataUpdate({ metadata, receipt_email: null })).toBeUndefined();
  });
});

describe('which ElevenLabs conversations an erase deletes', () => {
  it('takes the booking’s and every attempt’s from the trail, once each', () => {
    const events: TrailEvent[] = [
      { eventKey: 'e1', detail: { conversationId: 'conv_1', attempt: '1' } },
      { eventKey: 'e2', detail: { conversationId: 'conv_1' } },
      { eventKey: 'e3', detail: { outcome: 'busy' } },
      { eventKey: 'e4', detail: { conversationId: 'conv_2', attempt: '2' } },
      { eventKey: 'e5', detail: { conversationId: '' } },
      { eventKey: 'e6' },
    ];

    expect(conversationIdsOf({ conversationId: 'conv_2' }, events)).toEqual(['conv_2', 'conv_1']);
    expect(conversationIdsOf({}, [])).toEqual([]);
  });

  it('then drops the ids from the trail, keeping the rest of each detail', () => {
    const events: TrailEvent[] = [
      { eventKey: 'e1', detail: { conversationId: 'conv_1', attempt: '1' } },
      { eventKey: 'e2', detail: { outcome: 'busy' } },
      { eventKey: 'e3' },
    ];

    expect(trailDetailsToForget(events)).toEqual([{ eventKey: 'e1', detail: { attempt: '1' } }]);
  });

  it('records who erased, where, and counts — never contents', () => {
    const event = erasedEvent('support:alice', {
      s3Objects: 4,
      elevenLabsConversations: 2,
      stripePaymentIntents: 1,
      contactItems: 2,
      sharesRevoked: 0,
    });

    expect(event).toEqual({
      type: 'child_data_erased',
      detail: {
        by: 'support:alice',
        where: 'table,s3,elevenlabs,stripe',
        s3Objects: '4',
        elevenLabsConversations: '2',
        stripePaymentIntents: '1',
        contactItems: '2',
        sharesRevoked: '0',
      },
    });
  });
});

describe('retention', () => {
  const day = 24 * 60 * 60;

  it('keeps a booking until after its media, counted from its call', () => {
    const scheduledAt = '2026-12-24T18:00:00.000Z';

    const expires = bookingExpiresAt(scheduledAt);

    expect(expires - Date.parse(scheduledAt) / 1000).toBe(retentionDays.bookingsAfterCall * day);
    expect(expires * 1000).toBeGreaterThan(recordingExpiresAt(scheduledAt).getTime());
  });

  it('keeps each audit event as long as the longest booking (90 days ahead, then its TTL)', () => {
    const at = new Date('2026-12-01T00:00:00.000Z');

    expect(auditEventExpiresAt(at) - at.getTime() / 1000).toBe(retentionDays.auditEvents * day);
    expect(retentionDays.auditEvents).toBeGreaterThanOrEqual(90 + retentionDays.bookingsAfterCall);
  });

  it('outlives every call a voice note can feed with the lifecycle backstop', () => {
    expect(mediaRetentionDays.voiceNotes).toBeGreaterThan(90);
  });

  it('states on the privacy page exactly the numbers the code enforces', () => {
    const stated = Object.fromEntries(retentionStatements.map((s) => [s.what, s.days]));

    expect(stated).toMatchObject({
      'Voice notes': mediaRetentionDays.voiceNotes,
      'Call recordings and transcripts': mediaRetentionDays.recordings,
      Videos: mediaRetentionDays.videos,
      'The call at our voice provider (ElevenLabs)': retentionDays.elevenLabsConversations,
    });
  });
});
