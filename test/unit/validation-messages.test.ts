import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { contactDataMessages } from '../../functions/core/contact-data.ts';
import { languageCodes } from '../../functions/core/languages.ts';

/**
 * The booking wizard shows the shared schema's messages (functions/schemas/booking-request.ts,
 * written in English) in the site's language through the `validation` namespace, keyed by the
 * English text (frontend/src/lib/i18n.ts `translateMessage`). Every literal message of the
 * schema file must have a Spanish and a French translation: a message added untranslated fails
 * here, not in front of a parent.
 */
const schemaFile = new URL('../../functions/schemas/booking-request.ts', import.meta.url);
const messagesDir = new URL('../../functions/i18n/messages/', import.meta.url);

/** Every `error: '…'` / `message: "…"` / `` error: `…` `` literal (no interpolation) in the file. */
function literalMessages(source: string): string[] {
  const found = new Set<string>();
  const literal = /\b(?:error|message):\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
  for (const match of source.matchAll(literal)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    found.add(text.replace(/\\(['"`\\])/g, '$1'));
  }
  return [...found];
}

function validationMessages(language: string): Record<string, string> {
  return JSON.parse(
    readFileSync(new URL(`${language}/validation.json`, messagesDir), 'utf8'),
  ) as Record<string, string>;
}

// The schema's own literals, and the contact-data messages it gives from the core.
const messages = [
  ...literalMessages(readFileSync(schemaFile, 'utf8')),
  ...Object.values(contactDataMessages),
];

describe('the booking schema’s messages in every language', () => {
  it('finds the schema’s messages (the reader still matches how they are written)', () => {
    expect(messages).toContain('Enter a valid email address.');
    expect(messages).toContain('Choose when Santa should call, or "call now".');
    expect(messages.length).toBeGreaterThan(20);
  });

  for (const language of languageCodes) {
    it(`${language} translates every literal message of the schema`, () => {
      const translated = validationMessages(language);

      const missing = messages.filter((message) => !translated[message]?.trim());

      expect(missing, `add these to functions/i18n/messages/${language}/validation.json`).toEqual(
        [],
      );
    });
  }

  it('the English file says each message as the schema does (the key is the text)', () => {
    for (const [key, text] of Object.entries(validationMessages('en'))) expect(text).toBe(key);
  });
});

describe('looking a message up by its English text', () => {
  it.each([
    [
      'es',
      'The consent text has changed: reload the page.',
      'El texto del consentimiento ha cambiado: vuelve a cargar la página.',
    ],
    ['fr', 'Santa calls children aged 1 to 17.', 'Le Père Noël appelle les enfants de 1 à 17 ans.'],
    ['es', 'A message nobody translated.', 'A message nobody translated.'],
  ])('%s: %s', async (language, message, shown) => {
    // Prepare: the site's own lookup options (keySeparator/nsSeparator off: messages hold ". :").
    const instance = i18next.createInstance();
    await instance.init({
      lng: language,
      fallbackLng: 'en',
      resources: { [language]: { validation: validationMessages(language) } },
    });

    // Act
    const text = instance.t(message, {
      ns: 'validation',
      keySeparator: false,
      nsSeparator: false,
      defaultValue: message,
    });

    // Assess
    expect(text).toBe(shown);
  });
});
