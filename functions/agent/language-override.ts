import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { LanguageCode } from '../core/languages.ts';
import { languageOf } from '../core/languages.ts';
import { agentText } from './agent-messages.ts';

/**
 * What one call changes in the agent: its language (ElevenLabs' speech recognition and voice)
 * and the words said verbatim in it — the first message with the AI disclosure, and the
 * time-up message — in the call's language and in the singular or plural for the number of
 * children. Names stay ElevenLabs variables (`{{children_names}}`), filled from the call's
 * dynamic variables. Sent as `conversation_initiation_client_data.conversation_config_override
 * .agent`; the agent must allow each field (`santaAgent.platformSettings.overrides`), or
 * ElevenLabs refuses the conversation. Typed by the SDK's `AgentConfigOverrideInput`.
 */
export type SantaLanguageOverride = Required<
  Pick<
    ElevenLabs.AgentConfigOverrideInput,
    'language' | 'firstMessage' | 'maxConversationDurationMessage'
  >
>;

/** The override for a call in `language` to `childCount` children (1–4). */
export function santaLanguageOverride(
  language: LanguageCode,
  childCount: number,
): SantaLanguageOverride {
  const t = agentText(language);
  const names = '{{children_names}}';
  return {
    language: languageOf(language).elevenLabs,
    firstMessage: t('firstMessage', { count: childCount, names }),
    maxConversationDurationMessage: t('timeUpMessage', { count: childCount, names }),
  } satisfies ElevenLabs.AgentConfigOverrideInput;
}
