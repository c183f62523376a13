import * as z from 'zod';

const common = {
  /** Prefix of every API path; `''` for the same origin (CloudFront and the local cloud). */
  apiBaseUrl: z.string(),
  /** Stripe's publishable key (`pk_…`): the emulator's locally. */
  stripePublishableKey: z.string(),
  /**
   * The stage's call rules (`functions/config/stage-config.ts`), so the site states the hours and
   * retries the stage runs by, not the defaults. Optional: an older `config.json` lacks it, and
   * the site then states the defaults.
   */
  callRules: z
    .object({
      /** `HH:MM`, the callee's clock. */
      callingHoursStart: z.string(),
      callingHoursEnd: z.string(),
      /** Seconds a phone rings before the attempt counts as unanswered. */
      callRingSeconds: z.number(),
      /** Seconds between attempts when the line is busy or nobody answers. */
      callRetryWaitSeconds: z.number(),
      callMaxRetries: z.number(),
    })
    .optional(),
};

/**
 * The site's runtime configuration, `/config.json`: written next to the site by CDK
 * (`lib/site.ts`, always `stripe`), served by the local cloud (`local/site-config.ts`) and read
 * by the site (`frontend/src/lib/config.ts`). Against the local Stripe emulator it also names
 * the emulator, which a local build's test card form confirms through.
 */
export const siteConfigSchema = z.discriminatedUnion('stripeMode', [
  z.object({ ...common, stripeMode: z.literal('stripe') }),
  z.object({
    ...common,
    stripeMode: z.literal('emulator'),
    /** The Stripe emulator's base URL, e.g. `http://127.0.0.1:3006`. */
    stripeEmulatorUrl: z.string(),
  }),
]);
export type SiteConfig = z.infer<typeof siteConfigSchema>;
