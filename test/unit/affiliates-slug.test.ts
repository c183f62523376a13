import { describe, expect, it } from 'vitest';
import { landingPath, slugProblem } from '../../functions/core/affiliate-slug.ts';
import { affiliateSignupSchema } from '../../functions/schemas/affiliate-request.ts';
import { fieldErrors } from '../../functions/schemas/booking-request.ts';

describe('slugProblem', () => {
  it.each([
    'abc',
    'jolly-jen',
    'mr-snow-2024',
    '123',
    'a'.repeat(50),
    // Whole route words only: these merely start or end with one.
    'bookings-by-ann',
    'the-api-guy',
    // Brand words are whole words too, except the brand name itself.
    'santas-little-helper',
  ])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeUndefined();
  });

  it.each([
    ['ab', 'at least 3'],
    ['a'.repeat(51), 'at most 50'],
    ['Jolly-Jen', 'lowercase'],
    ['jolly_jen', 'lowercase'],
    ['jolly jen', 'lowercase'],
    ['jöllyjen', 'lowercase'],
    ['_local', 'lowercase'],
    ['-jen', 'Hyphens'],
    ['jen-', 'Hyphens'],
    ['jolly--jen', 'Hyphens'],
    ['---', 'Hyphens'],
  ])('refuses %s as invalid, saying what is wrong', (slug, says) => {
    const problem = slugProblem(slug);

    expect(problem?.reason).toBe('invalid');
    expect(problem?.message).toContain(says);
  });

  it.each([
    'api',
    'book',
    'success',
    'manage',
    'recording',
    'affiliate',
    'affiliates',
    'privacy',
    'terms',
    'admin',
    'assets',
    'static',
    'login',
    'check-slug',
  ])('reserves the site route %s', (slug) => {
    expect(slugProblem(slug)).toEqual({
      reason: 'reserved',
      message: expect.stringContaining(slug),
    });
  });

  it.each([
    'callsanta',
    'santa',
    'official',
    'support',
    'help',
    'santa-claus',
    // Anything with the brand name in it, hyphenated or not.
    'callsanta-deals',
    'my-callsanta',
    'call-santa-fan',
    'xcallsantax',
  ])('reserves the brand word %s', (slug) => {
    expect(slugProblem(slug)).toEqual({
      reason: 'reserved',
      message: expect.stringContaining('CallSanta'),
    });
  });

  it('puts the landing page at the root of the site', () => {
    expect(landingPath('jolly-jen')).toBe('/jolly-jen');
  });
});

describe('affiliateSignupSchema', () => {
  const valid = { name: 'Jolly Jen', email: 'Jen@Example.com', slug: 'jolly-jen' };

  it('accepts a sign-up, trimming the slug and lowercasing the email', () => {
    const parsed = affiliateSignupSchema.parse({ ...valid, slug: ' jolly-jen ' });

    expect(parsed).toEqual({ name: 'Jolly Jen', email: 'jen@example.com', slug: 'jolly-jen' });
  });

  it.each([
    [{ ...valid, name: '' }, 'name'],
    [{ ...valid, name: '   ' }, 'name'],
    [{ ...valid, name: 'x'.repeat(81) }, 'name'],
    [{ ...valid, name: 'Jen\u0000' }, 'name'],
    [{ ...valid, email: 'not-an-email' }, 'email'],
    [{ ...valid, slug: 'JollyJen' }, 'slug'],
    [{ ...valid, slug: 'admin' }, 'slug'],
    [{ ...valid, slug: 'callsanta-jen' }, 'slug'],
    [{ name: 'Jolly Jen', email: 'jen@example.com' }, 'slug'],
    [{ ...valid, payoutPercent: 90 }, 'body'],
  ])('refuses %o with an error on %s', (body, field) => {
    const parsed = affiliateSignupSchema.safeParse(body);

    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(Object.keys(fieldErrors(parsed.error))).toEqual([field]);
  });

  it('accepts a name of exactly 80 characters', () => {
    expect(affiliateSignupSchema.safeParse({ ...valid, name: 'x'.repeat(80) }).success).toBe(true);
  });
});
