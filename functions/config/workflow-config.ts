import { z } from 'zod';
import type { CapacityLimits } from '../core/call-capacity.ts';

const workflowEnvironment = z.object({
  CALL_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).default(4),
  CALL_STARTS_PER_SECOND: z.coerce.number().positive().default(1),
  CALL_LEASE_SECONDS: z.coerce.number().int().min(1).default(1500),
  CALL_RETRY_WAIT_SECONDS: z.coerce.number().int().min(1).default(300),
  CALL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  CALL_ABANDON_AFTER_SECONDS: z.coerce.number().int().min(1).default(2400),
  DIAL_SETTLE_SECONDS: z.coerce.number().int().min(1).default(30),
  RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).default(900),
  RECONCILE_MAX_RECOVERY_RUNS: z.coerce.number().int().min(0).max(20).default(3),
  PUBLIC_SITE_URL: z.url(),
});

export interface WorkflowConfig {
  readonly capacity: CapacityLimits;
  /** How long to wait before calling again after busy / no answer / voicemail. */
  readonly retryWaitSeconds: number;
  /** Calls after the first one; 3 means at most four calls. */
  readonly maxRetries: number;
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

/** The call workflow's settings, per stage. */
export function loadWorkflowConfig(env: NodeJS.ProcessEnv = process.env): WorkflowConfig {
  const settings = workflowEnvironment.parse(env);
  return {
    capacity: {
      concurrentCalls: settings.CALL_CONCURRENCY_LIMIT,
      startsPerSecond: settings.CALL_STARTS_PER_SECOND,
      leaseSeconds: settings.CALL_LEASE_SECONDS,
    },
    retryWaitSeconds: settings.CALL_RETRY_WAIT_SECONDS,
    maxRetries: settings.CALL_MAX_RETRIES,
    abandonAfterSeconds: settings.CALL_ABANDON_AFTER_SECONDS,
    dialSettleSeconds: settings.DIAL_SETTLE_SECONDS,
    reconcileAfterSeconds: settings.RECONCILE_AFTER_SECONDS,
    maxRecoveryRuns: settings.RECONCILE_MAX_RECOVERY_RUNS,
    publicSiteUrl: settings.PUBLIC_SITE_URL.replace(/\/$/, ''),
  };
}
