import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import {
  defaultLanguage,
  isLanguageCode,
  type LanguageCode,
  languageCodes,
} from '../../../functions/core/languages.ts';
import englishCommon from '../../../functions/i18n/messages/en/common.json' with { type: 'json' };

/**
 * The site's translations: i18next with react-i18next. Messages live in
 * functions/i18n/messages/<language>/<namespace>.json (shared with the emails); each file is its
 * own chunk, fetched when a page first asks for its namespace, so a visitor downloads one
 * language's words for the pages they open. Components call `useTranslation('<namespace>')`
 * and suspend (the App's <Suspense>) until the file has loaded.
 *
 * The language: the one the visitor chose (kept in localStorage under `callsanta.language`),
 * else the first of the browser's languages we speak (navigator.languages), else English. Only
 * a choice is kept (`chooseLanguage`), never a detected language, so `chosenLanguage()` can tell
 * "chose Spanish" from "a Spanish browser" (a booking's pages prefer the booking's language over
 * the browser's: lib/booking-language.ts).
 */
const messageFiles = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../functions/i18n/messages/*/*.json',
);

/** localStorage key of the language the visitor chose with the picker. */
export const languageStorageKey = 'callsanta.language';

void i18next
  .use(
    resourcesToBackend(async (language: string, namespace: string) => {
      const load = messageFiles[`../../../functions/i18n/messages/${language}/${namespace}.json`];
      if (!load) throw new Error(`No messages for ${language}/${namespace}.`);
      return (await load()).default;
    }),
  )
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    supportedLngs: languageCodes,
    // "es-MX" is served the "es" files.
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: defaultLanguage,
    ns: ['common'],
    defaultNS: 'common',
    // The header and footer's English words ship in the entry: an English visitor's first
    // paint waits for no message file; other languages and namespaces load from the backend.
    resources: { en: { common: englishCommon } },
    partialBundledLanguages: true,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: languageStorageKey,
      // Nothing cached on detection: localStorage holds only what the visitor chose.
      caches: [],
    },
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    react: { useSuspense: true },
  });

/** <html lang> says the site's language (screen readers, hyphenation, the browser's translate offer). */
function markLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = siteLanguage();
}
i18next.on('languageChanged', markLanguage);
markLanguage();

/**
 * A schema message (functions/schemas/booking-request.ts writes them in English) in the site's
 * language: the `validation` namespace is keyed by the English text itself, so a message without
 * a translation is shown as written. Load the namespace first (`useTranslation('validation')`).
 */
export function translateMessage(message: string): string {
  return i18next.t(message, {
    ns: 'validation',
    keySeparator: false,
    nsSeparator: false,
    defaultValue: message,
  });
}

/** The site's language now: one we speak (the detector may report "es-MX"; this says "es"). */
export function siteLanguage(): LanguageCode {
  const code = (i18next.resolvedLanguage ?? i18next.language ?? '').split('-')[0] ?? '';
  return isLanguageCode(code) ? code : defaultLanguage;
}

/** Switch the site's language at the visitor's choice, remembered in localStorage. */
export function chooseLanguage(code: LanguageCode): Promise<unknown> {
  try {
    localStorage.setItem(languageStorageKey, code);
  } catch {
    // Storage refused (private mode, full): the choice holds for this visit only.
  }
  return i18next.changeLanguage(code);
}

/** The language the visitor chose with the picker, if they ever did (else undefined). */
export function chosenLanguage(): LanguageCode | undefined {
  try {
    const code = localStorage.getItem(languageStorageKey) ?? '';
    return isLanguageCode(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

export { i18next };
