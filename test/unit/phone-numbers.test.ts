import { describe, expect, it } from 'vitest';
import {
  calleeTimezone,
  describePhoneNumberProblem,
  describeZoneMismatch,
  phoneNumberCountry,
  phoneNumberProblem,
  phoneNumberZones,
} from '../../functions/core/phone-numbers.ts';
import { bookingRequestSchema } from '../../functions/schemas/booking-request.ts';

describe('phoneNumberProblem (full metadata)', () => {
  it.each([
    ['a US mobile or landline', '+14155552671', undefined],
    ['a UK mobile', '+447400123456', undefined],
    ['a German mobile', '+4915123456789', undefined],
    ['an Australian mobile', '+61412345678', undefined],
    ['a Guernsey mobile (a +44 number outside the UK)', '+447781123456', undefined],
    ['a VoIP number (households use them)', '+61145100000', undefined],
    ['a US premium-rate number', '+19005550123', 'premium_rate'],
    ['a UK premium-rate number', '+449012345678', 'premium_rate'],
    ['a French premium-rate number', '+33891234567', 'premium_rate'],
    ['a Swiss shared-cost number', '+41840123456', 'shared_cost'],
    ['a UK company access number (UAN)', '+445512345678', 'uan'],
    ['a UK personal (follow-me) number', '+447012345678', 'personal_number'],
    ['a UK pager', '+447640123456', 'pager'],
    ['UIFN freephone (+800)', '+80012345678', 'international_network'],
    ['international shared cost (+808)', '+80812345678', 'international_network'],
    ['Inmarsat (+870)', '+870773111632', 'international_network'],
    ['a satellite network (+881)', '+881612345678', 'international_network'],
    [
      'an international network (+882), even one the data cannot place',
      '+882134567890',
      'international_network',
    ],
    ['an international network (+883)', '+883510012345', 'international_network'],
    ['international premium rate (+979)', '+979123456789', 'international_network'],
    ['a number with an extension', '+44 20 7946 0958 ext. 123', 'extension'],
    ['a number with an RFC 3966 extension', '+442079460958;ext=12', 'extension'],
    ['a national number', '4155552671', 'invalid'],
    ['a number too short', '+1555', 'invalid'],
    [
      'a UK number the small metadata accepts but the full one does not',
      '+447700900123',
      'invalid',
    ],
    ['letters', '+1415CALLSANTA', 'invalid'],
  ])('%s: %s → %s', (_, number, problem) => {
    expect(phoneNumberProblem(number)).toBe(problem);
  });

  it('says what to do for every refusal', () => {
    expect(describePhoneNumberProblem('premium_rate')).toBe(
      'Santa cannot call premium-rate numbers: enter a mobile or landline number.',
    );
    expect(describePhoneNumberProblem('extension')).toMatch(/extension/);
  });
});

describe('the booking schema (small metadata, as the site uses it)', () => {
  const field = (phoneNumber: string, phoneCountry?: string) => {
    const result = bookingRequestSchema.safeParse({
      childName: 'Emma',
      childAge: 7,
      phoneNumber,
      ...(phoneCountry ? { phoneCountry } : {}),
      timezone: 'Europe/London',
      callNow: true,
      parentEmail: 'parent@example.com',
      giftBudget: 20,
      purchaseRecording: false,
      consent: { ownsNumber: true, isGuardian: true, aiCall: true },
    });
    return result.success
      ? result.data.phoneNumber
      : result.error.issues.find((issue) => issue.path[0] === 'phoneNumber')?.message;
  };

  it.each([
    ['+1 415 555 2671', undefined, '+14155552671'],
    ['07400 123456', 'GB', '+447400123456'],
    ['07400 123456', 'gb', '+447400123456'],
    ['+44 7400 123456', 'GB', '+447400123456'],
    ['+44 7400 123456', 'US', '+447400123456'],
    ['4155552671', 'US', '+14155552671'],
    ['+44 20 7946 0958 ext. 123', 'GB', describePhoneNumberProblem('extension')],
    ['+800 1234 5678', undefined, describePhoneNumberProblem('international_network')],
    ['+979 123 456 789', 'GB', describePhoneNumberProblem('international_network')],
    [
      '07700 900123',
      'GB',
      'Enter a valid phone number for the United Kingdom, e.g. 07400 123456 or +44 7400 123456.',
    ],
    [
      '4155552671',
      undefined,
      'Enter a valid phone number: choose the country it is in, or type it with + and the country code.',
    ],
  ])('%s with %s → %s', (phoneNumber, country, expected) => {
    expect(field(phoneNumber, country)).toBe(expected);
  });

  it('refuses a country it does not know', () => {
    const result = bookingRequestSchema.shape.phoneCountry.safeParse('UK');
    expect(result.error?.issues[0]?.message).toBe(
      'Choose the country of the phone number from the list.',
    );
  });
});

describe('phoneNumberZones', () => {
  it.each([
    ['the UK', '+447400123456', ['Europe/London']],
    ['India', '+919876543210', ['Asia/Kolkata']],
    ['France', '+33612345678', ['Europe/Paris']],
    // The tz database links these zones to a neighbour's; the country's own name is given.
    ['Norway (Europe/Oslo links to Europe/Berlin)', '+4740612345', ['Europe/Oslo']],
    [
      'the Netherlands (Europe/Amsterdam links to Europe/Brussels)',
      '+31612345678',
      ['Europe/Amsterdam'],
    ],
    ['Jersey, a +44 number', '+447797123456', ['Europe/Jersey']],
    ['Puerto Rico, a +1 number', '+17875550123', ['America/Puerto_Rico']],
    ['Guam, a +1 number', '+16715550123', ['Pacific/Guam']],
    ['the Bahamas, a +1 number', '+12423570000', ['America/Nassau']],
    ['an international network number', '+80012345678', []],
    ['an unparseable number', 'not a number', []],
  ])('%s', (_, number, zones) => {
    expect(phoneNumberZones(number)).toEqual(zones);
  });

  it.each([
    ['the US', '+14155552671', 29, ['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu']],
    ['Canada', '+14165550123', 23, ['America/Toronto', 'America/Vancouver', 'America/Atikokan']],
    ['Australia', '+61412345678', 13, ['Australia/Sydney', 'Australia/Perth']],
    ['Russia', '+79123456789', 27, ['Europe/Moscow', 'Asia/Vladivostok']],
  ])('%s has several zones', (_, number, count, some) => {
    const zones = phoneNumberZones(number);

    expect(zones).toHaveLength(count);
    expect(zones).toEqual(expect.arrayContaining(some));
  });
});

describe('calleeTimezone', () => {
  it.each([
    // One zone: that zone, whatever name for it the parent's browser uses.
    ['a UK mobile in London', '+447400123456', 'Europe/London', { zone: 'Europe/London' }],
    ['a UK mobile with a link name', '+447400123456', 'Europe/Belfast', { zone: 'Europe/London' }],
    [
      'an Indian number with the old name',
      '+919876543210',
      'Asia/Calcutta',
      { zone: 'Asia/Kolkata' },
    ],
    [
      'a Norwegian number with the zone it links to',
      '+4740612345',
      'Europe/Berlin',
      { zone: 'Europe/Oslo' },
    ],
    ['a Jersey number in London', '+447797123456', 'Europe/London', { zone: 'Europe/Jersey' }],
    // The defect: a UK mobile booked in Los Angeles.
    [
      'a UK mobile in Los Angeles',
      '+447400123456',
      'America/Los_Angeles',
      { problem: 'zone_mismatch', zones: ['Europe/London'] },
    ],
    [
      'a UK mobile in Dublin (same clock, another country)',
      '+447400123456',
      'Europe/Dublin',
      { problem: 'zone_mismatch', zones: ['Europe/London'] },
    ],
    // Several zones: the chosen one, when it is one of them.
    [
      'a US number in Los Angeles',
      '+14155552671',
      'America/Los_Angeles',
      { zone: 'America/Los_Angeles' },
    ],
    ['a US number in Honolulu', '+14155552671', 'Pacific/Honolulu', { zone: 'Pacific/Honolulu' }],
    ['a US number with a link name', '+14155552671', 'US/Eastern', { zone: 'America/New_York' }],
    [
      'a Canadian number in Toronto',
      '+14165550123',
      'America/Toronto',
      { zone: 'America/Toronto' },
    ],
    ['a US number in London', '+14155552671', 'Europe/London', { problem: 'zone_mismatch' }],
    [
      'a Canadian number in New York',
      '+14165550123',
      'America/New_York',
      { problem: 'zone_mismatch' },
    ],
    // No country in the data: the chosen zone.
    ['an international network number', '+80012345678', 'Asia/Tokyo', { zone: 'Asia/Tokyo' }],
  ])('%s', (_, number, chosen, expected) => {
    expect(calleeTimezone(number, chosen)).toMatchObject(expected);
  });

  it('lists the zones that would do for a country with several', () => {
    const result = calleeTimezone('+14155552671', 'Europe/London');

    expect(result).toEqual({ problem: 'zone_mismatch', zones: phoneNumberZones('+14155552671') });
  });
});

describe('describeZoneMismatch and phoneNumberCountry', () => {
  it.each([
    [
      '+447400123456',
      ['Europe/London'],
      'This number is in the United Kingdom: choose Europe/London.',
    ],
    ['+4740612345', ['Europe/Oslo'], 'This number is in Norway: choose Europe/Oslo.'],
    [
      '+14155552671',
      phoneNumberZones('+14155552671'),
      "This number is in the United States of America: choose one of its 29 time zones from the list — type your child's city or the zone's name.",
    ],
    [
      '+77001234567',
      phoneNumberZones('+77001234567'),
      "This number is in Kazakhstan: choose one of its 7 time zones from the list — type your child's city or the zone's name.",
    ],
  ])('%s', (number, zones, message) => {
    expect(describeZoneMismatch(number, zones)).toBe(message);
  });

  it.each([
    ['+447400123456', { code: 'GB', name: 'the United Kingdom' }],
    ['+31612345678', { code: 'NL', name: 'the Netherlands' }],
    ['+33612345678', { code: 'FR', name: 'France' }],
    ['+80012345678', undefined],
  ])('%s is in %o', (number, country) => {
    expect(phoneNumberCountry(number)).toEqual(country);
  });
});
