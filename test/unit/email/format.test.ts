import { describe, expect, it } from 'vitest';
import {
  firstName,
  formatCallDay,
  formatCallTime,
  formatMoney,
  isKnownTimeZone,
} from '../../../functions/core/format.ts';

describe('email formatting', () => {
  it('formats the call time on the parent clock, with the zone abbreviation', () => {
    expect(formatCallTime('2026-12-24T23:30:00Z', 'America/New_York')).toBe(
      'Thursday, December 24 at 6:30 PM EST',
    );
    expect(formatCallDay('2026-12-24T23:30:00Z', 'Asia/Tokyo')).toBe('Friday, December 25');
  });

  it('reads amounts in the currency minor unit', () => {
    expect(formatMoney(2999, 'usd')).toBe('$29.99');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    // Yen has no minor unit: 3000 is ¥3,000, not ¥30.
    expect(formatMoney(3000, 'jpy')).toBe('¥3,000');
  });

  it('takes the first word of a name', () => {
    expect(firstName('  Emma   Rose ')).toBe('Emma');
    expect(firstName('Zoë')).toBe('Zoë');
  });

  it('knows IANA zones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
