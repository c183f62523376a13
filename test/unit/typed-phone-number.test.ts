import { describe, expect, it } from 'vitest';
import {
  describePhoneNumberProblem,
  phoneNumberCountryCode,
} from '../../functions/core/phone-numbers.ts';
import {
  describeOtherCountry,
  describeTypedPhoneNumberProblem,
  examplePhoneNumber,
  readPhoneNumber,
} from '../../functions/core/typed-phone-number.ts';

describe('readPhoneNumber: what is typed, read against the country chosen', () => {
  it.each([
    [
      'UK national format, UK chosen',
      '07400 123456',
      'GB',
      { e164: '+447400123456', country: 'GB' },
    ],
    [
      'UK international format, UK chosen',
      '+44 7400 123456',
      'GB',
      { e164: '+447400123456', country: 'GB' },
    ],
    [
      'UK with the 00 prefix, UK chosen',
      '0044 7400 123456',
      'GB',
      { e164: '+447400123456', country: 'GB' },
    ],
    [
      'UK international format, US chosen',
      '+44 7400 123456',
      'US',
      { e164: '+447400123456', country: 'GB' },
    ],
    ['German national format', '01512 3456789', 'DE', { e164: '+4915123456789', country: 'DE' }],
    ['French national format', '06 12 34 56 78', 'FR', { e164: '+33612345678', country: 'FR' }],
    ['Indian national format', '081234 56789', 'IN', { e164: '+918123456789', country: 'IN' }],
    ['US national format', '(415) 555-2671', 'US', { e164: '+14155552671', country: 'US' }],
    [
      'a Toronto number, US chosen (+1 is shared)',
      '416 555 0123',
      'US',
      { e164: '+14165550123', country: 'CA' },
    ],
    [
      'a Drama-range UK number (Ofcom reserves 07700 900xxx)',
      '07700 900123',
      'GB',
      { problem: 'invalid', country: 'GB' },
    ],
    ['letters, UK chosen', 'call me', 'GB', { problem: 'invalid', country: 'GB' }],
    ['another code typed, UK chosen', '+49 123', 'GB', { problem: 'invalid', country: 'DE' }],
    [
      'a national number, no country',
      '07400 123456',
      undefined,
      { problem: 'invalid', country: undefined },
    ],
    ['an unknown country', '07400 123456', 'XX', { problem: 'invalid', country: undefined }],
    ['an extension', '+44 20 7946 0958 ext. 123', 'GB', { problem: 'extension', country: 'GB' }],
    ['an international network', '+800 1234 5678', 'GB', { problem: 'international_network' }],
  ])('%s: %s (%s)', (_, typed, country, expected) => {
    expect(readPhoneNumber(typed, country)).toEqual(expected);
  });
});

describe('the messages give the chosen country’s example, never a US one elsewhere', () => {
  it.each([
    [
      'GB',
      'Enter a valid phone number for the United Kingdom, e.g. 07400 123456 or +44 7400 123456.',
    ],
    ['DE', 'Enter a valid phone number for Germany, e.g. 01512 3456789 or +49 1512 3456789.'],
    ['FR', 'Enter a valid phone number for France, e.g. 06 12 34 56 78 or +33 6 12 34 56 78.'],
    [
      'US',
      'Enter a valid phone number for the United States, e.g. (201) 555-0123 or +1 201 555 0123.',
    ],
    [
      undefined,
      'Enter a valid phone number: choose the country it is in, or type it with + and the country code.',
    ],
  ])('%s', (country, message) => {
    expect(describeTypedPhoneNumberProblem('invalid', country)).toBe(message);
    if (country !== 'US') expect(message).not.toMatch(/\+1 /);
  });

  it('the API names the number’s own country for a number the full metadata refuses', () => {
    expect(describePhoneNumberProblem('invalid', phoneNumberCountryCode('+447700900123'))).toBe(
      'Enter a valid phone number for the United Kingdom, e.g. 07400 123456 or +44 7400 123456.',
    );
    expect(phoneNumberCountryCode('+14155552671')).toBe('US');
    expect(phoneNumberCountryCode('07400 123456')).toBeUndefined();
  });

  it.each([
    ['GB', { national: '07400 123456', international: '+44 7400 123456' }],
    ['JP', { national: '090-1234-5678', international: '+81 90 1234 5678' }],
    ['XX', undefined],
  ])('examplePhoneNumber(%s)', (country, example) => {
    expect(examplePhoneNumber(country)).toEqual(example);
  });

  it.each([
    ['CA', 'US', 'This number is in Canada, not the United States.'],
    ['US', 'GB', 'This number is in the United States, not the United Kingdom.'],
    ['GB', 'GB', undefined],
    ['GB', undefined, undefined],
  ])('a number in %s with %s chosen', (number, chosen, message) => {
    expect(describeOtherCountry(number, chosen)).toBe(message);
  });
});
