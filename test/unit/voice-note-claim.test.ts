import { describe, expect, it } from 'vitest';
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
