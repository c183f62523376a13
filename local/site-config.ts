import type { LocalCloudConfig } from './config.ts';

/**
 * What the site needs to know at run time, as `/config.json`: the same shape CDK writes next
 * to the site in AWS. Against the Stripe emulator the site shows a clearly labelled test card
 * form that confirms through the emulator's API; against Stripe it uses the Payment Element.
 */
export function siteRuntimeConfig(config: LocalCloudConfig) {
  return {
    apiBaseUrl: '',
    stripePublishableKey: config.stripeKeys.publishable,
    stripeMode: config.stripe.emulated ? 'emulator' : 'stripe',
    ...(config.stripe.emulated ? { stripeEmulatorUrl: config.stripe.baseUrl } : {}),
  };
}
