/**
 * The site's `Permissions-Policy` header, sent by CloudFront (`lib/site.ts`) and by the local
 * cloud's site server (`local/api-server.ts`) alike.
 *
 * - `microphone=(self)`: the booking form records the child's voice note, on this site only.
 * - `payment=(self "https://js.stripe.com")`: Apple Pay and Google Pay run the Payment Request
 *   API inside Stripe's iframes, served from js.stripe.com. By the Permissions Policy spec a
 *   cross-origin frame gets a feature only if the header's allowlist names its origin (and the
 *   frame's `allow` attribute, which Stripe.js sets): `payment=(self)` alone throws SecurityError
 *   in Stripe's frame and hides the wallet buttons. Sources: W3C Payment Request API,
 *   "Permissions Policy integration"; MDN "Permissions-Policy: payment"; Stripe's Payment
 *   Request Button / Express Checkout Element docs.
 */
export const permissionsPolicy =
  'microphone=(self), camera=(), geolocation=(), payment=(self "https://js.stripe.com")';
