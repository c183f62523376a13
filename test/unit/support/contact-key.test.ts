import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bookingContactKeys,
  emailContactKey,
  phoneContactKey,
} from '../../../functions/core/contact-key.ts';
import { toE164 } from '../../../functions/core/phone-numbers.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('contact keys', () => {
  it.each([
    ['parent@example.com', 'parent@example.com'],
    ['  Parent@Example.COM ', 'parent@example.com'],
    ['PARENT@EXAMPLE.COM\n', 'parent@example.com'],
  ])('an email %j is keyed as %j trimmed and lower-cased', (typed, normal) => {
    // Act
    const key = emailContactKey(typed);

    // Assert
    expect(key).toBe(`email#${sha256(normal)}`);
    expect(key).not.toContain('@');
  });

  it('a phone number is keyed by the hash of its E.164 form', () => {
    expect(phoneContactKey('+447700900123')).toBe(`phone#${sha256('+447700900123')}`);
  });

  it("a booking's keys match what support types for the same contact", () => {
    // Arrange
    const booking = { parentEmail: 'Mum@Example.com', phoneNumber: '+447700900123' };

    // Act
    const keys = bookingContactKeys(booking);

    // Assert
    expect(keys.email).toBe(emailContactKey(' mum@example.COM'));
    expect(keys.phone).toBe(phoneContactKey(toE164('+44 7700 900-123') ?? ''));
  });
});

describe('toE164 (a number as support types it)', () => {
  it.each([
    ['+44 7700 900123', undefined, '+447700900123'],
    ['+44 (0)7700 900 123', undefined, '+447700900123'],
    ['07700 900123', 'GB', '+447700900123'],
    ['(212) 555-0100', 'us', '+12125550100'],
    ['+1 212-555-0100', undefined, '+12125550100'],
  ])('%j (country %j) is %j', (typed, country, e164) => {
    expect(toE164(typed, country)).toBe(e164);
  });

  it.each([
    ['07700 900123', undefined],
    ['not a number', 'GB'],
    ['+44 12', undefined],
  ])('%j (country %j) is no number', (typed, country) => {
    expect(toE164(typed, country)).toBeUndefined();
  });
});
