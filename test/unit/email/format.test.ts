import { describe, expect, it } from 'vitest';
import { firstName, isKnownTimeZone } from '../../../functions/core/format.ts';

describe('email formatting', () => {
  it('takes the first word of a name', () => {
    expect(firstName('  Emma   Rose ')).toBe('Emma');
    expect(firstName('Zoë')).toBe('Zoë');
  });

  it('knows IANA zones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
