import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import { retentionDays } from '../core/retention.ts';
import { santaMaxCallSeconds } from '../core/santa-limits.ts';
import { santaCallVariableNames } from './dynamic-variables.ts';
import { santaAnalysisSettings } from './santa-analysis.ts';
import { santaFirstMessage, santaSystemPrompt, santaTimeUpMessage } from './santa-prompt.ts';

/**
 * The voice Santa speaks with: "George", an ElevenLabs premade voice (warm, older, British).
 * Swap in a voice from the voice library here; the next `npm run agent:sync` applies it.
 */
export const santaVoiceId = 'JBFqnCBsd6RMkjVDRZzb';

/** The hard cap on a call: ElevenLabs ends it, with `santaTimeUpMessage`, at five minutes. */
export { santaMaxCallSeconds } from '../core/santa-limits.ts';

/** Examples shown in the ElevenLabs dashboard when testing the agent there; never used in calls. */
const placeholders: Record<string, string | number> = {
  child_count: 2,
  children_names: 'Emma and Leo',
  child_1_name: 'Emma',
  child_1_age: 7,
  child_1_gender: 'girl',
  child_1_info: 'Loves drawing reindeer and helped her little brother learn to ride a bike.',
  child_2_name: 'Leo',
  child_2_age: 4,
  child_2_gender: 'boy',
  child_2_info: 'Loves dinosaurs.',
  child_name: 'Emma',
  child_age: 7,
  child_gender: 'girl',
  child_info_text: 'Loves drawing reindeer and helped her little brother learn to ride a bike.',
  notes_praise: 'Emma learned to ride her bike',
  notes_encouragement: 'Leo trying new vegetables',
  notes_people: 'Max (pet) and Granny Rose (someone close)',
  gift_budget: '50 US dollars',
  call_local_time: 'Tuesday 24 December, 5:30 PM',
  call_language: 'en',
  call_language_name: 'English',
};

/**
 * The Santa agent, exactly as sent to `POST /v1/convai/agents/create` and
 * `PATCH /v1/convai/agents/{agent_id}` — typed by the SDK, so a renamed field fails the build.
 */
export const santaAgent = {
  name: 'CallSanta — Santa',
  tags: ['callsanta'],
  conversationConfig: {
    agent: {
      firstMessage: santaFirstMessage,
      // The disclosure must be heard in full before anyone can talk over it.
      disableFirstMessageInterruptions: true,
      language: 'en',
      maxConversationDurationMessage: santaTimeUpMessage,
      prompt: {
        prompt: santaSystemPrompt,
        llm: 'gemini-2.5-flash',
        temperature: 0.6,
        // When a voicemail answers, the agent calls this tool and the call ends at once (no
        // message: a child's name stays off an answering machine). It shows in the transcript
        // as a `voicemail_detection` tool call, which `functions/core/call-report.ts` reads as
        // a voicemail. SDK `BuiltInToolsInput.voicemailDetection`.
        builtInTools: {
          voicemailDetection: {
            name: 'voicemail_detection',
            params: { systemToolType: 'voicemail_detection' },
          },
        },
      },
      // The SDK passes this field through untouched, so it is written in the API's own casing.
      dynamicVariables: {
        dynamic_variable_placeholders: Object.fromEntries(
          santaCallVariableNames.map((name) => [name, placeholders[name] ?? '']),
        ),
      },
    },
    // Flash v2.5, not v2: v2 speaks English only, and a call's language override to Spanish or
    // French needs a multilingual model (ElevenLabs: agents support the v2.5 Flash/Turbo
    // languages). The trade-off: v2 is a little better in English (pronunciation, steadier
    // accent) at the same latency; one model for every call keeps the override to language
    // and words. SDK `TtsConversationalModel.ElevenFlashV25`.
    tts: { voiceId: santaVoiceId, modelId: 'eleven_flash_v2_5', stability: 0.55, speed: 0.95 },
    conversation: { maxDurationSeconds: santaMaxCallSeconds },
  },
  platformSettings: {
    // Each call sends its language, first message and time-up message
    // (`santaLanguageOverride`); ElevenLabs refuses a conversation whose override the agent does
    // not allow, so exactly these three are allowed and nothing else.
    overrides: {
      conversationConfigOverride: {
        agent: { language: true, firstMessage: true, maxConversationDurationMessage: true },
      },
    },
    // Post-call analysis: the wish list per child and the criteria support is alerted on.
    ...santaAnalysisSettings,
    // The transcript and audio are copied to our own storage after the call; ElevenLabs'
    // copy of a child's voice is kept no longer than a month.
    privacy: { recordVoice: true, retentionDays: retentionDays.elevenLabsConversations },
  },
} satisfies ElevenLabs.conversationalAi.BodyCreateAgentV1ConvaiAgentsCreatePost;
