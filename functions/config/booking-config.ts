import { santaMaxCallSeconds } from '../core/santa-limits.ts';
import { defaultSchedulingRules, type SchedulingRules } from '../core/scheduling-rules.ts';
import { loadStageConfig, minuteOfDay, type StageConfig } from './stage-config.ts';

export interface BookingConfig {
  readonly rules: SchedulingRules;
  /** Where parents' links (manage, recording) point, without a trailing slash. */
  readonly publicSiteUrl: string;
}

/** The booking rules' view of the stage's settings (`stage-config.ts`). */
export function bookingConfigOf(config: StageConfig): BookingConfig {
  return {
    rules: {
      // Lead times are product rules, not stage settings.
      ...defaultSchedulingRules,
      callingHoursStartMinute: minuteOfDay(config.callingHoursStart),
      callingHoursEndMinute: minuteOfDay(config.callingHoursEnd),
      concurrentCalls: config.callConcurrencyLimit,
      startsPerSecond: config.callStartsPerSecond,
      expectedCallMinutes: config.expectedCallMinutes,
      maxCallSeconds: santaMaxCallSeconds,
      ringSeconds: config.callRingSeconds,
      retryShare: config.callRetryShare,
    },
    publicSiteUrl: config.publicSiteUrl.replace(/\/$/, ''),
  };
}

/**
 * Booking rules from the environment (set per stage by CDK and the local cloud). Throws
 * `Stage settings are invalid — …` naming each bad variable (`loadStageConfig`).
 */
export function loadBookingConfig(env: NodeJS.ProcessEnv = process.env): BookingConfig {
  return bookingConfigOf(loadStageConfig(env));
}
