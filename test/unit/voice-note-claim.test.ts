import { describe, expect, it } from 'vitest';
import { retentionDays, voiceNoteClaimExpiresAt } from '../../functions/core/retention.ts';
import { mayDeleteVoiceNote, type RemainingClaims } from '../../functions/core/voice-note-claim.ts';

describe('mayDeleteVoiceNote', () => {
  const cases: [string, RemainingClaims, boolean][] = [
    ['no claim item (a booking made before claims)', undefined, true],
    ['the last claim let go', [], true],
    ['another booking still claims it', ['01B'], false],
    ['several still claim it', ['01B', '01C'], false],
  ];
  it.each(cases)('%s', (_why, remaining, expected) => {
    expect(mayDeleteVoiceNote(remaining)).toBe(expected);
  });
});

describe('voiceNoteClaimExpiresAt', () => {
  it('is the voice notes’ retention after the claim, in epoch seconds', () => {
    const claimedAt = new Date('2026-12-01T00:00:00.000Z');
    expect(voiceNoteClaimExpiresAt(claimedAt)).toBe(
      Date.parse('2026-12-01T00:00:00.000Z') / 1000 + retentionDays.voiceNotes * 86_400,
    );
    expect(retentionDays.voiceNotes).toBe(120);
  });
});
