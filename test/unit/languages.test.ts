import { describe, expect, it } from 'vitest';
import { formattingLocale, languageOf, preferredLanguage } from '../../functions/core/languages.ts';

describe('preferredLanguage', () => {
  it.each([
    [['es-MX', 'en-US'], 'es'],
    [['de-DE', 'fr-CA', 'en'], 'fr'],
    [['de-DE', 'it'], 'en'],
    [[], 'en'],
    [['EN_gb'], 'en'],
    [['fr'], 'fr'],
  ] as const)('%j → %s', (locales, expected) => {
    expect(preferredLanguage(locales)).toBe(expected);
  });
});

describe('formattingLocale', () => {
  it.each([
    ['es', 'es-MX', 'es-MX'],
    ['fr', 'en-US', 'fr'],
    ['en', 'en-GB', 'en-GB'],
    ['es', undefined, 'es'],
  ] as const)('%s with %s → %s', (language, locale, expected) => {
    expect(formattingLocale(language, locale)).toBe(expected);
  });
});

describe('languageOf', () => {
  it('reads an old booking without a language, and an unknown one, as English', () => {
    expect(languageOf(undefined).code).toBe('en');
    expect(languageOf('xx').code).toBe('en');
    expect(languageOf('es').speechToText).toBe('spa');
  });
});
