import type { CapacityLimits } from '../core/call-capacity.ts';
import { loadStageConfig, type StageConfig } from './stage-config.ts';

export interface WorkflowConfig {
  readonly capacity: CapacityLimits;
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

/** The call workflow's view of the stage's settings (`stage-config.ts`). */
export function workflowConfigOf(config: StageConfig): WorkflowConfig {
  return {
    capacity: {
      concurrentCalls: config.callConcurrencyLimit,
      startsPerSecond: config.callStartsPerSecond,
      leaseSeconds: config.callLeaseSeconds,
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
  return workflowConfigOf(loadStageConfig(env));
}
