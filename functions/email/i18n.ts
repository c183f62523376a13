import { createInstance, type i18n, type TFunction } from 'i18next';
import { defaultLanguage, type LanguageCode, languageCodes } from '../core/languages.ts';

/**
 * The emails' words: an i18next instance of the server's own (never the site's global one),
 * holding namespace `email` (functions/i18n/messages/<language>/email.json) for every language
 * in functions/core/languages.ts. Adding a language is its email.json and its line there: the
 * files are found by the language code below, and esbuild bundles every file the pattern can
 * match into each Lambda (a glob import, resolved at build time), so no file is read from disk
 * at run time.
 */
export const emailNamespace = 'email';

/** A translator fixed to one language and the `email` namespace: `t('callReminder.subject', …)`. */
export type EmailT = TFunction;

type Messages = Record<string, unknown>;

async function messagesOf(language: LanguageCode): Promise<Messages> {
  const file = (await import(`../i18n/messages/${language}/email.json`, {
    with: { type: 'json' },
  })) as { default: Messages };
  return file.default;
}

let instance: Promise<i18n> | undefined;

/** The instance with every language loaded; made once per process, on the first email. */
function emailI18n(): Promise<i18n> {
  instance ??= (async () => {
    const loaded = await Promise.all(
      languageCodes.map(async (code) => [code, { [emailNamespace]: await messagesOf(code) }]),
    );
    const made = createInstance();
    await made.init({
      resources: Object.fromEntries(loaded),
      lng: defaultLanguage,
      // A key missing in a translation reads in English rather than as its key.
      fallbackLng: defaultLanguage,
      supportedLngs: languageCodes,
      ns: [emailNamespace],
      defaultNS: emailNamespace,
      // React escapes what it renders (and the subject is plain text): escaping here too would
      // show "&amp;" and "&#39;" in a name like "Zoë & Léa" or "O'Brien".
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    return made;
  })();
  // A failed load is not cached: the next email tries again.
  instance.catch(() => {
    instance = undefined;
  });
  return instance;
}

/**
 * A translator for one email in `language` (the booking's, by `languageOf(booking.language)`).
 * Fixed to the language, so emails in several languages can render at once in one process.
 */
export async function emailTranslator(language: LanguageCode): Promise<EmailT> {
  return (await emailI18n()).getFixedT(language, emailNamespace);
}

/** Whether `language`'s email messages are loaded (for the test that every language is). */
export async function hasEmailMessages(language: LanguageCode): Promise<boolean> {
  return (await emailI18n()).hasResourceBundle(language, emailNamespace);
}
