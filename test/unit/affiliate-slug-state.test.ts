import { describe, expect, it } from 'vitest';
import {
  type SlugLookup,
  type SlugState,
  slugNeedsLookup,
  slugState,
} from '../../functions/core/affiliate-slug-state.ts';

const free = (slug: string): SlugLookup => ({ slug, available: true });
const taken = (slug: string): SlugLookup => ({
  slug,
  available: false,
  reason: 'taken',
  message: 'That page name is taken. Choose another.',
});

describe('slugState: one state per slug, whatever the last answer was', () => {
  it.each<[string, string, SlugLookup | undefined, SlugState]>([
    ['nothing typed', '', undefined, { kind: 'empty' }],
    ['only spaces', '   ', free('abc'), { kind: 'empty' }],
    [
      'too short, with no answer',
      'ab',
      undefined,
      { kind: 'too_short', message: 'Use at least 3 characters.' },
    ],
    // The defect of issue #13: "free" (for an earlier slug) and "too short" at once.
    [
      'too short, after an earlier slug was free',
      'ab',
      free('abc'),
      { kind: 'too_short', message: 'Use at least 3 characters.' },
    ],
    [
      'too short, even if an answer (wrongly) called it free',
      'ab',
      free('ab'),
      { kind: 'too_short', message: 'Use at least 3 characters.' },
    ],
    [
      'capital letters',
      'Jolly',
      undefined,
      { kind: 'invalid', message: 'Use only lowercase letters (a–z), digits and hyphens.' },
    ],
    [
      'a space inside',
      'jolly jen',
      free('jolly'),
      { kind: 'invalid', message: 'Use only lowercase letters (a–z), digits and hyphens.' },
    ],
    [
      'a hyphen at the end',
      'jolly-',
      free('jolly'),
      {
        kind: 'invalid',
        message: 'Hyphens go between letters or digits: not first, last or two in a row.',
      },
    ],
    [
      'too long',
      'a'.repeat(51),
      undefined,
      { kind: 'invalid', message: 'Use at most 50 characters.' },
    ],
    [
      'a word of the site',
      'book',
      undefined,
      { kind: 'taken', message: '“book” is a page of the site. Choose another.' },
    ],
    [
      'the brand',
      'callsanta-fan',
      undefined,
      { kind: 'taken', message: 'That name belongs to CallSanta itself. Choose one of your own.' },
    ],
    ['valid, no answer yet', 'jolly-jen', undefined, { kind: 'checking', slug: 'jolly-jen' }],
    [
      'valid, the answer is about an older input',
      'jolly-jen',
      free('jolly-je'),
      { kind: 'checking', slug: 'jolly-jen' },
    ],
    ['valid and free', 'jolly-jen', free('jolly-jen'), { kind: 'free', slug: 'jolly-jen' }],
    [
      'free, typed with spaces around (the API trims)',
      ' jolly-jen ',
      free('jolly-jen'),
      { kind: 'free', slug: 'jolly-jen' },
    ],
    [
      'taken by another creator',
      'jolly-jen',
      taken('jolly-jen'),
      { kind: 'taken', message: 'That page name is taken. Choose another.' },
    ],
    [
      'refused by a newer rule on the server',
      'jolly-jen',
      { slug: 'jolly-jen', available: false, reason: 'invalid', message: 'Not allowed.' },
      { kind: 'invalid', message: 'Not allowed.' },
    ],
    [
      'the checker could not be reached',
      'jolly-jen',
      { slug: 'jolly-jen', error: 'We could not reach CallSanta.' },
      { kind: 'unchecked', message: 'We could not reach CallSanta.' },
    ],
  ])('%s: %j', (_case, typed, lookup, expected) => {
    expect(slugState(typed, lookup)).toEqual(expected);
  });
});

describe('slugNeedsLookup: the checker is asked only about slugs the rules allow', () => {
  it.each([
    ['', false],
    ['ab', false],
    ['Jolly', false],
    ['book', false],
    ['abc', true],
    ['jolly-jen', true],
  ])('%j → %s', (typed, expected) => {
    expect(slugNeedsLookup(typed)).toBe(expected);
  });
});
