import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeSignatureHeaderProblem } from '../../functions/adapters/stripe-signature-header.ts';

const hex = 'ab'.repeat(32);

describe('stripeSignatureHeaderProblem', () => {
  it.each([
    [`t=1766232005,v1=${hex}`],
    [`t=1766232005,v1=${hex},v0=${hex}`],
    [`t=1766232005, v1=${hex}, v1=${'CD'.repeat(32)}`],
  ])('accepts the shape of %s', (header) => {
    expect(stripeSignatureHeaderProblem(header)).toBeUndefined();
  });

  it('accepts what Stripe itself sends', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: '{}', secret: 'whsec_x' });

    expect(stripeSignatureHeaderProblem(header)).toBeUndefined();
  });

  it.each([
    ['t=,v1=', 'timestamp'],
    ['t=1,v1=', 'v1'],
    [`v1=${hex}`, 'timestamp'],
    ['t=abc,v1=ab', 'timestamp'],
    ['t=1', 'v1'],
    [`t=1,v1=${hex},v1=`, 'v1'],
    [`t=1,v1=${hex.slice(2)}`, 'v1'],
    ['', 'timestamp'],
    [',', 'timestamp'],
  ])('refuses %j, naming the %s', (header, part) => {
    expect(stripeSignatureHeaderProblem(header)).toMatch(
      part === 'v1' ? /v1 signature/ : /timestamp/,
    );
  });
});
