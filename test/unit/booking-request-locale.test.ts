import { describe, expect, it } from 'vitest';
import { bookingRequestSchema } from '../../functions/schemas/booking-request.ts';
import { validBooking } from '../integration/support/booking-api.ts';

describe("the booking request's locale and currency", () => {
  it.each([
    ['en-gb', 'en-GB'],
    ['EN-us', 'en-US'],
    ['ja', 'ja'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('canonicalises the locale %s to %s', (locale, canonical) => {
    const parsed = bookingRequestSchema.parse(validBooking({ locale }));

    expect(parsed.locale).toBe(canonical);
  });

  it.each(['en-', 'en_GB!', '', 'e'])('refuses %j as a locale, with advice', (locale) => {
    const result = bookingRequestSchema.safeParse(validBooking({ locale }));

    expect(result.error?.issues[0]?.message).toBe('Give the locale as a language tag, e.g. en-GB.');
  });

  it('leaves the locale and currency out for older clients', () => {
    const parsed = bookingRequestSchema.parse(validBooking());

    expect(parsed.locale).toBeUndefined();
    expect(parsed.currency).toBeUndefined();
  });

  it.each([
    ['GBP', 50, undefined],
    ['gbp', 1001, 'The gift budget is between £0 and £1,000.'],
    ['jpy', 20_000, undefined],
    ['usd', 2.5, 'Enter a gift budget as a whole number, without cents or pence.'],
    ['pounds', 50, 'Give the currency as a three-letter code, e.g. gbp.'],
  ])('currency %s with a budget of %s: %s', (currency, giftBudget, message) => {
    const result = bookingRequestSchema.safeParse(
      validBooking({ currency, giftBudget, locale: 'en-GB' }),
    );

    expect(result.error?.issues[0]?.message).toBe(message);
    if (!message) expect(result.data?.currency).toBe(currency.toLowerCase());
  });
});
