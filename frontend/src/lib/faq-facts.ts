import { stageConfigDefaults } from '../../../functions/config/stage-config.ts';
import { refundCutoffMinutes } from '../../../functions/core/cancellation.ts';
import {
  recordingExpiresAt,
  recordingOfferEndsAt,
  retentionDays,
} from '../../../functions/core/retention.ts';
import { santaMaxCallSeconds } from '../../../functions/core/santa-limits.ts';
import type { SiteConfig } from '../../../functions/schemas/api/site-config.ts';

/**
 * The numbers the FAQ states, read from the code that enforces them — so the page cannot say
 * one thing while the service does another:
 *
 * - calls: the stage settings' defaults (`functions/config/stage-config.ts`: retries, the wait
 *   between them, how long a phone rings, calling hours) — what a stage runs unless its
 *   operator changes them (docs/deploy.md), and the agent's call length (`core/santa-limits.ts`);
 * - money: the refund cut-off (`core/cancellation.ts`);
 * - data: retention and the late-purchase window (`core/retention.ts`).
 */
export interface FaqFacts {
  readonly callMaxRetries: number;
  readonly callRetryWaitSeconds: number;
  readonly callRingSeconds: number;
  readonly callingHoursStart: string;
  readonly callingHoursEnd: string;
  readonly maxCallSeconds: number;
  readonly refundCutoffMinutes: number;
  readonly recordingDays: number;
  /** Days after the call a recording can still be bought. */
  readonly recordingOfferDays: number;
  readonly voiceNoteDays: number;
  readonly bookingDays: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const anyCall = '2026-12-24T18:00:00.000Z';

export const faqFacts: FaqFacts = {
  callMaxRetries: stageConfigDefaults.callMaxRetries,
  callRetryWaitSeconds: stageConfigDefaults.callRetryWaitSeconds,
  callRingSeconds: stageConfigDefaults.callRingSeconds,
  callingHoursStart: stageConfigDefaults.callingHoursStart,
  callingHoursEnd: stageConfigDefaults.callingHoursEnd,
  maxCallSeconds: santaMaxCallSeconds,
  refundCutoffMinutes,
  recordingDays: Math.round((recordingExpiresAt(anyCall).getTime() - Date.parse(anyCall)) / dayMs),
  recordingOfferDays: Math.round(
    (recordingOfferEndsAt(anyCall).getTime() - Date.parse(anyCall)) / dayMs,
  ),
  voiceNoteDays: retentionDays.voiceNotes,
  bookingDays: retentionDays.bookingsAfterCall,
};

/**
 * The facts with the stage's own call rules (`config.json`'s `callRules`: its calling hours,
 * ring time and retries) in place of the defaults, when the site has them.
 */
export function faqFactsFor(callRules: SiteConfig['callRules']): FaqFacts {
  return callRules ? { ...faqFacts, ...callRules } : faqFacts;
}

/** A count of `unit` in words, in `language` (Intl's unit names and plurals): "45 seconds". */
const unitText = (count: number, unit: 'second' | 'minute' | 'hour', language: string) =>
  new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(count);

/**
 * Seconds as a person says them, in `language`: `45 seconds`, `5 minutes`, `1 hour 30 minutes`
 * (`5 minutos` in Spanish).
 */
export function durationText(seconds: number, language = 'en'): string {
  if (seconds < 60) return unitText(seconds, 'second', language);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return unitText(minutes, 'minute', language);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest
    ? `${unitText(hours, 'hour', language)} ${unitText(rest, 'minute', language)}`
    : unitText(hours, 'hour', language);
}

/** The retry sentences, in one language (faq namespace `retry`); English by default. */
export interface RetryWords {
  readonly language: string;
  readonly none: string;
  readonly once: (wait: string) => string;
  readonly many: (retries: number, wait: string, calls: number) => string;
}

const englishRetryWords: RetryWords = {
  language: 'en',
  none: 'Santa does not call again after a busy line, no answer or voicemail.',
  once: (wait) => `Santa tries once more, ${wait} later — two calls in all.`,
  many: (retries, wait, calls) =>
    `Santa tries again up to ${retries} more times, ${wait} apart — at most ${calls} calls in all.`,
};

/** What happens after a busy line, no answer or voicemail, in one sentence. */
export function retryText(
  retries: number,
  waitSeconds: number,
  words: RetryWords = englishRetryWords,
): string {
  if (retries === 0) return words.none;
  const wait = durationText(waitSeconds, words.language);
  if (retries === 1) return words.once(wait);
  return words.many(retries, wait, retries + 1);
}
