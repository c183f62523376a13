import i18next, { type TFunction } from 'i18next';
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };

/** The languages the emulated calls are scripted in: the ones Santa speaks (core/languages.ts). */
export const scriptLanguages = ['en', 'es', 'fr'] as const;
export type ScriptLanguage = (typeof scriptLanguages)[number];

export function isScriptLanguage(value: unknown): value is ScriptLanguage {
  return (scriptLanguages as readonly unknown[]).includes(value);
}

const scriptI18n = i18next.createInstance();
// In memory: init is synchronous (initAsync: false).
void scriptI18n.init({
  resources: { en: { script: en }, es: { script: es }, fr: { script: fr } },
  fallbackLng: 'en',
  ns: ['script'],
  defaultNS: 'script',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The emulated call's lines (local/elevenlabs/messages/<lang>.json) in `language`. */
export function scriptText(language: ScriptLanguage): TFunction<'script'> {
  return scriptI18n.getFixedT(language, 'script');
}
