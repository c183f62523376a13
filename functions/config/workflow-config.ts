import { z } from 'zod';
import type { CapacityLimits } from '../core/call-capacity.ts';

const workflowEnvironment = z.object({
  CALL_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).default(4),
  CALL_STARTS_PER_SECOND: z.coerce.number().positive().default(1),
  CALL_LEASE_SECONDS: z.coerce.number().int().min(60).default(1500),
  CALL_RETRY_WAIT_SECONDS: z.coerce.number().int().min(1).default(300),
  CALL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  PUBLIC_SITE_URL: z.url(),
});

export interface WorkflowConfig {
  readonly capacity: CapacityLimits;
  /** How long to wait before calling again after busy / no answer / voicemail. */
  readonly retryWaitSeconds: number;
  /** Calls after the first one; 3 means at most four calls. */
  readonly maxRetries: number;
  readonly publicSiteUrl: string;
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
    publicSiteUrl: settings.PUBLIC_SITE_URL.replace(/\/$/, ''),
  };
}
