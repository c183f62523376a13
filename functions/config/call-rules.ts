import type { SiteConfig } from '../schemas/api/site-config.ts';
import type { StageConfig } from './stage-config.ts';

/** The stage's call rules as the site's `config.json` states them (`siteConfigSchema.callRules`). */
export type SiteCallRules = NonNullable<SiteConfig['callRules']>;

/**
 * The call rules a parent is told about (calling hours, ring time, retries), picked from the
 * stage's config: written into `config.json` by CDK (`lib/site.ts`) and by the local cloud.
 */
export function siteCallRules(config: StageConfig): SiteCallRules {
  return {
    callingHoursStart: config.callingHoursStart,
    callingHoursEnd: config.callingHoursEnd,
    callRingSeconds: config.callRingSeconds,
    callRetryWaitSeconds: config.callRetryWaitSeconds,
    callMaxRetries: config.callMaxRetries,
  };
}
