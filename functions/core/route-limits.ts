/**
 * How much traffic a route may take. API Gateway throttles each route of the `$default` stage
 * with its class's rate (requests per second, steady) and burst (requests at once, the token
 * bucket's size); over either it answers 429 without running a Lambda.
 *
 * - `booking`: creating a booking makes a Stripe PaymentIntent and holds a call slot, the
 *   costliest public request; a runaway client or bot must not drain slots or Stripe's limits.
 * - `write`: changes to an existing booking (reschedule, cancel, erase, shares, purchases) and
 *   sign-ups: rare per parent.
 * - `read`: pages polling a booking, prices, availability, health: the bulk of Christmas Eve.
 * - `webhook`: Stripe, ElevenLabs and Remotion posting outcomes. Generous: a throttled webhook
 *   is retried by its provider, but late, and an ElevenLabs outcome is what frees a call line.
 * - `admin`: staff reports, signed with IAM.
 * - `contact`: the contact form, which sends an email to support for each request: a trickle,
 *   so a script cannot flood the support inbox (or the SES sending quota) through it.
 *
 * Raise them per stage on Christmas Eve (docs/deploy.md, "Christmas Eve runbook"); the account's
 * API Gateway quota (10,000 rps per region by default) is far above all of them together.
 */
export const routeThrottles = {
  booking: { rateLimit: 20, burstLimit: 40 },
  write: { rateLimit: 20, burstLimit: 40 },
  read: { rateLimit: 100, burstLimit: 200 },
  webhook: { rateLimit: 100, burstLimit: 200 },
  admin: { rateLimit: 2, burstLimit: 5 },
  contact: { rateLimit: 1, burstLimit: 5 },
} as const satisfies Record<string, { rateLimit: number; burstLimit: number }>;
export type RouteClass = keyof typeof routeThrottles;

export interface RouteLimits {
  readonly routeClass: RouteClass;
  /**
   * The largest request body the route takes, in bytes; a larger one is answered 413
   * `payload_too_large` before the handler runs (`functions/shared/http.ts` in AWS, where API
   * Gateway's own limit is 10 MB for every route; `local/api-server.ts` locally).
   */
  readonly maxBodyBytes: number;
}

const KiB = 1024;
/** Routes that take no body: a client's stray `{}` is fine, anything more is not. */
const noBody = KiB;

/**
 * Every route's limits, by route key. test/unit/route-limits.test.ts fails for a route of
 * `functions/routes.ts` missing here, so a new route must say what it takes.
 */
export const routeLimits: Readonly<Record<string, RouteLimits>> = {
  'GET /api/health': { routeClass: 'read', maxBodyBytes: noBody },
  'GET /api/openapi.json': { routeClass: 'read', maxBodyBytes: noBody },
  'GET /api/pricing': { routeClass: 'read', maxBodyBytes: noBody },
  'GET /api/availability': { routeClass: 'read', maxBodyBytes: noBody },
  // The booking form: names, phone, notes (each bounded by the schema) — the voice note is
  // uploaded to S3 directly, never through the API.
  'POST /api/calls': { routeClass: 'booking', maxBodyBytes: 16 * KiB },
  'GET /api/calls/{callId}': { routeClass: 'read', maxBodyBytes: noBody },
  'PATCH /api/calls/{callId}': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  // A corrected number and child details (each bounded by the booking schema's fields).
  'PATCH /api/calls/{callId}/details': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'POST /api/calls/{callId}/cancel': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'POST /api/calls/{callId}/erase': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'POST /api/calls/{callId}/recording-purchase': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'POST /api/calls/{callId}/video/retry': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'POST /api/calls/{callId}/shares': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'GET /api/calls/{callId}/shares': { routeClass: 'read', maxBodyBytes: noBody },
  'DELETE /api/calls/{callId}/shares/{shareId}': { routeClass: 'write', maxBodyBytes: noBody },
  'GET /api/shared/{token}': { routeClass: 'read', maxBodyBytes: noBody },
  'POST /api/voice-notes': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  // A post-call transcription event carries the whole transcript and analysis; we do not
  // subscribe to the audio event (docs/deploy.md), which would carry the audio itself.
  'POST /api/webhooks/elevenlabs': { routeClass: 'webhook', maxBodyBytes: 2048 * KiB },
  'POST /api/webhooks/remotion': { routeClass: 'webhook', maxBodyBytes: 256 * KiB },
  // Stripe's events carry one object (a PaymentIntent, a charge): a few KB.
  'POST /api/webhooks/stripe': { routeClass: 'webhook', maxBodyBytes: 256 * KiB },
  // Name, email, booking id and a message of at most 2 000 characters (schemas/contact-request.ts).
  'POST /api/contact': { routeClass: 'contact', maxBodyBytes: 16 * KiB },
  'POST /api/affiliates': { routeClass: 'write', maxBodyBytes: 4 * KiB },
  'GET /api/affiliates/check-slug': { routeClass: 'read', maxBodyBytes: noBody },
  'GET /api/affiliates/{slug}': { routeClass: 'read', maxBodyBytes: noBody },
  'GET /api/admin/affiliates/report': { routeClass: 'admin', maxBodyBytes: noBody },
};

/** API Gateway's own request limit: what a route not in the table (a test's) may take. */
export const apiGatewayMaxBodyBytes = 10 * 1024 * KiB;

/** A route not in the table (only test apps build such): a write, with API Gateway's limit. */
const unlisted: RouteLimits = { routeClass: 'write', maxBodyBytes: apiGatewayMaxBodyBytes };

/** The route's limits (`unlisted` for a route a test app made up). */
export function limitsOf(route: { readonly method: string; readonly path: string }): RouteLimits {
  // The key as `routeKey` in functions/routes.ts makes it (not imported: every handler loads this).
  return routeLimits[`${route.method} ${route.path}`] ?? unlisted;
}

/** The body limit for a request's route key (`event.routeKey`), in bytes. */
export function maxBodyBytesOf(key: string): number {
  return (routeLimits[key] ?? unlisted).maxBodyBytes;
}
