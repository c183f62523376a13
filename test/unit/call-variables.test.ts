import { describe, expect, it } from 'vitest';
import type { Booking } from '../../functions/data/bookings.ts';
import { santaCallVariables } from '../../functions/workflow/call-variables.ts';

const booking = {
  bookingId: '01JZ0000000000000000000000',
  childName: 'Emma',
  childAge: 7,
  timezone: 'Europe/London',
  giftBudget: 50,
  currency: 'usd',
} as Booking;

describe('what Santa is told about the gift budget', () => {
  it.each([
    [50, 'usd', '50 US dollars'],
    [40, 'gbp', '40 British pounds'],
    [1, 'gbp', '1 British pound'],
    [5000, 'jpy', '5,000 Japanese yen'],
    [60, 'eur', '60 euros'],
  ])('%i %s is said as "%s"', (giftBudget, currency, spoken) => {
    const variables = santaCallVariables({ ...booking, giftBudget, currency }, new Date());

    expect(variables.gift_budget).toBe(spoken);
  });
});
