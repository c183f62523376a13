import type { DispatchLimits } from '../core/line-dispatch.ts';
import { loadStageConfig, type StageConfig } from './stage-config.ts';

export interface WorkflowConfig {
  /** Santa's lines and the start rate, as the dispatcher applies them. */
  readonly lines: DispatchLimits;
  /** How long to wait before calling again after busy / no answer / voicemail, in seconds. */
  readonly retryWaitSeconds: number;
  /** Calls after the first one; 3 means at most four calls. */
  readonly maxRetries: number;
  /** Where parents' links point, without a trailing slash. */
  readonly publicSiteUrl: string;
  /** A conversation still not over this long after its dial is given up as failed. */
  readonly abandonAfterSeconds: number;
  /**
   * After an unconfirmed dial, how long ElevenLabs gets to list the conversation before a
   * look-up that finds nothing is taken to mean the dial never happened.
   */
  readonly dialSettleSeconds: number;
  /** How long past its due time a booking may sit in a state before the reconciler acts. */
  readonly reconcileAfterSeconds: number;
  /** Recovery runs the reconciler starts for one booking before it asks for a person. */
  readonly maxRecoveryRuns: number;
}

/**
 * A grant's start second is at most this far ahead: the place-call step waits for it within
 * its 30-second timeout and still has time to dial.
 */
const maxPaceMs = 15_000;

/**
 * The call workflow's view of the stage's settings (`stage-config.ts`). `timeScale` is the
 * local cloud's `CALLSANTA_TIME_SCALE` (1 in AWS): call starts are paced on the wall clock
 * inside the place-call step, which no engine scales, so locally the pace is scaled here.
 */
export function workflowConfigOf(config: StageConfig, timeScale = 1): WorkflowConfig {
  return {
    lines: {
      concurrentCalls: config.callConcurrencyLimit,
      startIntervalMs: 1000 / (config.callStartsPerSecond * timeScale),
      leaseSeconds: config.callLeaseSeconds,
      maxPaceMs,
    },
    retryWaitSeconds: config.callRetryWaitSeconds,
    maxRetries: config.callMaxRetries,
    abandonAfterSeconds: config.callAbandonAfterSeconds,
    dialSettleSeconds: config.dialSettleSeconds,
    reconcileAfterSeconds: config.reconcileAfterSeconds,
    maxRecoveryRuns: config.reconcileMaxRecoveryRuns,
    publicSiteUrl: config.publicSiteUrl.replace(/\/$/, ''),
  };
}

/**
 * The call workflow's settings from the environment, per stage. Throws
 * `Stage settings are invalid — …` naming each bad variable (`loadStageConfig`).
 */
export function loadWorkflowConfig(env: NodeJS.ProcessEnv = process.env): WorkflowConfig {
  const timeScale = Number(env.CALLSANTA_TIME_SCALE ?? '1');
  return workflowConfigOf(
    loadStageConfig(env),
    Number.isFinite(timeScale) && timeScale > 0 ? timeScale : 1,
  );
}
