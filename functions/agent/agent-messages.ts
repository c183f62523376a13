import i18next, { type TFunction } from 'i18next';
import { type LanguageCode, languageCodes } from '../core/languages.ts';
import type en from '../i18n/messages/en/agent.json';

/**
 * What Santa says in the call's language that is not left to the model: the first message (with
 * the AI disclosure), the time-up message, and the words for who a named person is. Namespace
 * `agent` (functions/i18n/messages/<lang>/agent.json), read with its own i18next instance so it
 * shares no state with the emails'. Adding a language is adding its agent.json: every language
 * of functions/core/languages.ts is loaded here (esbuild bundles each file the template names).
 */
async function messagesOf(language: LanguageCode): Promise<typeof en> {
  const file = (await import(`../i18n/messages/${language}/agent.json`, {
    with: { type: 'json' },
  })) as { default: typeof en };
  return file.default;
}

// Loaded once, at module load (top-level await: the Lambda bundles are ES modules), so
// `agentText` stays synchronous for the prompt and the call variables.
const resources: Record<LanguageCode, { agent: typeof en }> = Object.fromEntries(
  await Promise.all(
    languageCodes.map(async (code) => [code, { agent: await messagesOf(code) }] as const),
  ),
) as Record<LanguageCode, { agent: typeof en }>;

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
