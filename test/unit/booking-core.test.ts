import { describe, expect, it } from 'vitest';
import { accessTokenFor, isValidAccessToken } from '../../functions/core/access-token.ts';
import {
  assertCallTransition,
  assertPaymentTransition,
  canMoveCall,
  IllegalTransitionError,
} from '../../functions/core/booking-status.ts';
import { priceBooking } from '../../functions/core/pricing.ts';

describe('booking status transitions', () => {
  it.each([
    ['pending', 'scheduled', true],
    ['scheduled', 'queued', true],
    ['queued', 'in_progress', true],
    ['in_progress', 'completed', true],
    ['in_progress', 'queued', true],
    ['completed', 'scheduled', false],
    ['cancelled', 'scheduled', false],
    ['pending', 'completed', false],
  ] as const)('call %s → %s allowed: %s', (from, to, allowed) => {
    expect(canMoveCall(from, to)).toBe(allowed);
  });

  it('refuses an illegal move with an error, not a silent overwrite', () => {
    expect(() => assertCallTransition('completed', 'queued')).toThrow(IllegalTransitionError);
    expect(() => assertPaymentTransition('refunded', 'paid')).toThrow(/refunded to paid/);
    expect(() => assertPaymentTransition('pending', 'refunded')).not.toThrow();
  });
});

describe('pricing', () => {
  it('adds the recording only when bought', () => {
    const pricing = { baseCents: 999, recordingCents: 299, currency: 'usd' };

    expect(priceBooking(pricing, true).totalCents).toBe(1298);
    expect(priceBooking(pricing, false).totalCents).toBe(999);
  });
});

describe('access tokens', () => {
  const secret = 's'.repeat(40);

  it('accepts the token derived for the booking, and nothing else', () => {
    const token = accessTokenFor('01ARZ3NDEKTSV4RRFFQ69G5FAV', secret);

    expect(isValidAccessToken('01ARZ3NDEKTSV4RRFFQ69G5FAV', token, secret)).toBe(true);
    expect(isValidAccessToken('01ARZ3NDEKTSV4RRFFQ69G5FAW', token, secret)).toBe(false);
    expect(isValidAccessToken('01ARZ3NDEKTSV4RRFFQ69G5FAV', token, 't'.repeat(40))).toBe(false);
    expect(isValidAccessToken('01ARZ3NDEKTSV4RRFFQ69G5FAV', `${token}x`, secret)).toBe(false);
    expect(isValidAccessToken('01ARZ3NDEKTSV4RRFFQ69G5FAV', '', secret)).toBe(false);
  });
});
