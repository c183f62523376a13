import { siteCallRules } from '../functions/config/call-rules.ts';
import type { SiteConfig } from '../functions/schemas/api/site-config.ts';
import type { LocalCloudConfig } from './config.ts';

/**
 * What the site needs to know at run time, as `/config.json`: `siteConfigSchema`, the shape
 * CDK writes next to the site in AWS. Against the Stripe emulator the local build of the site
 * shows a clearly labelled test card form that confirms through the emulator's API; against
 * Stripe it uses the Payment Element.
 */
export function siteRuntimeConfig(config: LocalCloudConfig): SiteConfig {
  const common = {
    apiBaseUrl: '',
    stripePublishableKey: config.stripeKeys.publishable,
    callRules: siteCallRules(config.stageConfig),
  };
  return config.stripe.emulated
    ? { ...common, stripeMode: 'emulator', stripeEmulatorUrl: config.stripe.baseUrl }
    : { ...common, stripeMode: 'stripe' };
}
