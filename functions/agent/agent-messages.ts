import i18next, { type TFunction } from 'i18next';
import { type LanguageCode, languageCodes } from '../core/languages.ts';
import en from '../i18n/messages/en/agent.json' with { type: 'json' };
import es from '../i18n/messages/es/agent.json' with { type: 'json' };
import fr from '../i18n/messages/fr/agent.json' with { type: 'json' };

/**
 * What Santa says in the call's language that is not left to the model: the first message (with
 * the AI disclosure), the time-up message, and the words for who a named person is. Namespace
 * `agent` (functions/i18n/messages/<lang>/agent.json), read with its own i18next instance so it
 * shares no state with the emails'. Adding a language: its agent.json, imported here.
 */
const resources: Record<LanguageCode, { agent: typeof en }> = {
  en: { agent: en },
  es: { agent: es },
  fr: { agent: fr },
};

const agentI18n = i18next.createInstance();
// Resources are in memory: init runs synchronously (initAsync: false), before any call needs it.
void agentI18n.init({
  resources,
  supportedLngs: languageCodes,
  fallbackLng: 'en',
  ns: ['agent'],
  defaultNS: 'agent',
  initAsync: false,
  // Not HTML: `{{children_names}}` and names go through as written.
  interpolation: { escapeValue: false },
});

/** The `agent` namespace's `t` in `language` (plurals by `count`, variables `{{name}}`). */
export function agentText(language: LanguageCode): TFunction<'agent'> {
  return agentI18n.getFixedT(language, 'agent');
}
