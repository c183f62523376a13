import { describe, expect, it } from 'vitest';
import { firstName, isKnownTimeZone } from '../../../functions/core/format.ts';

describe('email formatting', () => {
  it('keeps a compound first name whole, spaces made one, in NFC', () => {
    expect(firstName('  Anne   Marie ')).toBe('Anne Marie');
    expect(firstName('Zoe\u0308')).toBe('Zoë');
    expect(firstName('Zoë')).toBe('Zoë');
  });

  it('knows IANA zones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
