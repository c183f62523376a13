/**
 * The languages Santa speaks and the site and emails are written in. Adding a language is
 * adding its message files (functions/i18n/messages/<code>/*.json, one per namespace, the same
 * keys as English) and one line here.
 *
 * - `code`: ISO 639-1, the i18next language and the booking's `language`.
 * - `name`: the language's own name (endonym), as the language picker shows it.
 * - `elevenLabs`: the agent language code ElevenLabs takes in `conversation_config.agent.language`
 *   and in the per-call `conversation_config_override.agent.language` (ISO 639-1 for these;
 *   ElevenLabs "Supported languages" list).
 * - `speechToText`: the `language_code` sent to ElevenLabs speech-to-text for the voice note
 *   (ISO 639-3, as its API documents; ISO 639-1 is also accepted there).
 */
export const languages = [
  { code: 'en', name: 'English', elevenLabs: 'en', speechToText: 'eng' },
  { code: 'es', name: 'Español', elevenLabs: 'es', speechToText: 'spa' },
  { code: 'fr', name: 'Français', elevenLabs: 'fr', speechToText: 'fra' },
] as const;

export type Language = (typeof languages)[number];
export type LanguageCode = Language['code'];

/** The language of a booking made before languages were recorded, and of an unknown one. */
export const defaultLanguage: LanguageCode = 'en';

export const languageCodes = languages.map((language) => language.code) as [
  LanguageCode,
  ...LanguageCode[],
];

export function isLanguageCode(value: string): value is LanguageCode {
  return (languageCodes as readonly string[]).includes(value);
}

/** The language's settings; English for an unknown or absent code (an old booking). */
export function languageOf(code: string | undefined): Language {
  return languages.find((language) => language.code === code) ?? languages[0];
}

/**
 * The first of the parent's preferred locales (BCP 47, best first, e.g. navigator.languages)
 * whose language we speak; `defaultLanguage` when none. "es-MX" → "es".
 */
export function preferredLanguage(locales: readonly string[]): LanguageCode {
  for (const locale of locales) {
    const code = locale.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguageCode(code)) return code;
  }
  return defaultLanguage;
}

/**
 * The locale dates and money are written in for a language: the parent's own locale when it is
 * of that language (es-MX stays es-MX, so pesos and day-month order are Mexican), else the bare
 * language ("fr" for an en-US browser that chose French). Keeps the words and the formats in
 * one language.
 */
export function formattingLocale(language: LanguageCode, locale: string | undefined): string {
  const localeLanguage = locale?.toLowerCase().split(/[-_]/)[0];
  return locale && localeLanguage === language ? locale : language;
}
