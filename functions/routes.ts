import type { FunctionDefinition } from './function-definition.ts';
import type { ResourceAccess } from './resources.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteBase {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/calls/{callId}`. */
  readonly path: string;
  readonly function: FunctionDefinition;
}

/** A public route says why it needs no API Gateway authoriser; cdk-nag records the reason. */
export type RouteDefinition = RouteBase &
  (
    | { readonly authorization: 'iam' }
    | { readonly authorization: 'public'; readonly publicReason: string }
  );

/**
 * What applying a payment fact needs (`services/after-payment.ts`): the booking, Stripe's key,
 * the call's schedule or an immediate start, and the confirmation email.
 */
const appliesPayments: ResourceAccess = {
  table: 'readWrite',
  // stripe: the payment's facts; access-token: the manage link in the confirmation email.
  secrets: ['stripe', 'access-token'],
  schedules: true,
  workflow: ['start'],
  email: true,
};

/**
 * The one route table. The CDK API construct and the local API server both read it, so a
 * route exists in both places or in neither.
 */
const parentsApi =
  "the parents' API: parents have no AWS identities; the handler validates every body and serves an existing booking only with that booking's access token";

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/health',
    authorization: 'public',
    publicReason:
      'the uptime probe answers only "ok" or "unavailable" and can read no booking data',
    function: {
      name: 'GetHealth',
      entry: 'health/get-health.ts',
      // Probes only: the uptime check proves the stores answer and can read nothing in them.
      // The secrets it reads to prove they hold real, well-formed values (issue #12): it
      // answers and logs only their names.
      access: {
        table: 'probe',
        buckets: { voiceNotes: 'probe', recordings: 'probe', videos: 'probe' },
        secrets: ['stripe', 'elevenlabs', 'remotion', 'access-token'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    authorization: 'public',
    publicReason: "the API's description is public: routes and schemas, no data",
    // Built from the route table and the zod schemas at cold start (functions/api-docs/).
    function: { name: 'GetOpenApi', entry: 'api-docs/get-openapi.ts', access: {} },
  },
  {
    method: 'GET',
    path: '/api/pricing',
    authorization: 'public',
    publicReason: 'prices are public',
    function: { name: 'GetPricing', entry: 'bookings/get-pricing.ts', access: { table: 'read' } },
  },
  {
    method: 'GET',
    path: '/api/availability',
    authorization: 'public',
    publicReason: 'bookable times are public and carry no booking data',
    function: {
      name: 'GetAvailability',
      entry: 'bookings/get-availability.ts',
      access: { table: 'read' },
    },
  },
  {
    method: 'POST',
    path: '/api/calls',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'CreateBooking',
      entry: 'bookings/create-booking.ts',
      access: {
        table: 'readWrite',
        buckets: { voiceNotes: 'read' },
        secrets: ['stripe', 'access-token'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/calls/{callId}',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'GetBooking',
      entry: 'bookings/get-booking.ts',
      // videoRender: the video's progress while it is being made.
      access: {
        table: 'read',
        buckets: { recordings: 'read', videos: 'read' },
        secrets: ['access-token'],
        videoRender: true,
      },
      // Remotion's client and libphonenumber's full metadata: 128–152 MiB RSS right after
      // import, half of 256 MB or more (function-memory.ts; docs/benchmarks.md, "Lambda bundles").
      memoryMiB: 320,
    },
  },
  {
    method: 'PATCH',
    path: '/api/calls/{callId}',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'RescheduleBooking',
      entry: 'bookings/reschedule-booking.ts',
      access: {
        table: 'readWrite',
        // access-token: the links in the "moved" email; email: that email.
        secrets: ['stripe', 'access-token'],
        schedules: true,
        workflow: ['start'],
        email: true,
      },
    },
  },
  {
    method: 'PATCH',
    path: '/api/calls/{callId}/details',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'CorrectBookingDetails',
      entry: 'bookings/correct-details.ts',
      // libphonenumber's full metadata judges a corrected number as at booking.
      access: { table: 'readWrite', secrets: ['access-token'] },
    },
  },
  {
    method: 'POST',
    path: '/api/calls/{callId}/cancel',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'CancelBooking',
      entry: 'bookings/cancel-booking.ts',
      // A cancel that finds the payment taken before its webhook came applies it through the
      // same service as the webhook.
      access: appliesPayments,
    },
  },
  {
    method: 'POST',
    path: '/api/calls/{callId}/erase',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'EraseChildData',
      entry: 'bookings/erase-child-data.ts',
      // Deletes in all three buckets (S3 DeleteObject), at ElevenLabs (its conversations) and
      // at Stripe (the receipt email): functions/services/erase-booking.ts.
      access: {
        table: 'readWrite',
        buckets: {
          voiceNotes: 'readWriteDelete',
          recordings: 'readWriteDelete',
          videos: 'readWriteDelete',
        },
        secrets: ['access-token', 'stripe', 'elevenlabs'],
        elevenLabs: true,
      },
    },
  },
  {
    method: 'POST',
    path: '/api/calls/{callId}/recording-purchase',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'PurchaseRecording',
      entry: 'bookings/purchase-recording.ts',
      access: { table: 'readWrite', secrets: ['stripe', 'access-token'] },
    },
  },
  {
    method: 'POST',
    path: '/api/calls/{callId}/video/retry',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'RetryVideo',
      entry: 'bookings/retry-video.ts',
      // startVideoRun starts a workflow run that renders the video.
      access: { table: 'readWrite', secrets: ['access-token'], workflow: ['start'] },
    },
  },
  {
    method: 'POST',
    path: '/api/calls/{callId}/shares',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'CreateShare',
      entry: 'bookings/create-share.ts',
      access: { table: 'readWrite', secrets: ['access-token'] },
    },
  },
  {
    method: 'GET',
    path: '/api/calls/{callId}/shares',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'ListShares',
      entry: 'bookings/list-shares.ts',
      access: { table: 'read', secrets: ['access-token'] },
    },
  },
  {
    method: 'DELETE',
    path: '/api/calls/{callId}/shares/{shareId}',
    authorization: 'public',
    publicReason: parentsApi,
    function: {
      name: 'RevokeShare',
      entry: 'bookings/revoke-share.ts',
      access: { table: 'readWrite', secrets: ['access-token'] },
    },
  },
  {
    method: 'GET',
    path: '/api/shared/{token}',
    authorization: 'public',
    publicReason:
      "a family's share link: the handler answers only for a live share token (256 random bits, stored hashed) with the child's first name, the call date and 15-minute media links — never the transcript or the parent's contact",
    function: {
      name: 'GetSharedRecording',
      entry: 'bookings/get-shared.ts',
      access: { table: 'read', buckets: { recordings: 'read', videos: 'read' } },
    },
  },
  {
    method: 'POST',
    path: '/api/voice-notes',
    authorization: 'public',
    publicReason:
      'parents upload a voice note before they have a booking; the answer is a short-lived upload form S3 limits to one audio key and 10 MB',
    function: {
      name: 'CreateVoiceNoteUpload',
      entry: 'voice-notes/create-upload.ts',
      // secrets: the access-token secret signs the key's proof (functions/core/voice-note-proof.ts).
      access: { buckets: { voiceNotes: 'readWrite' }, secrets: ['access-token'] },
    },
  },
  {
    method: 'POST',
    path: '/api/webhooks/elevenlabs',
    authorization: 'public',
    publicReason:
      'ElevenLabs posts call outcomes; the handler accepts one only with a valid ElevenLabs-Signature over the raw body',
    function: {
      name: 'ElevenLabsWebhook',
      entry: 'webhooks/elevenlabs-webhook.ts',
      access: { table: 'readWrite', secrets: ['elevenlabs'], workflow: ['callback'] },
    },
  },
  {
    method: 'POST',
    path: '/api/webhooks/remotion',
    authorization: 'public',
    publicReason:
      'Remotion Lambda posts render outcomes; the handler accepts one only with a valid X-Remotion-Signature (HMAC-SHA512) over the raw body, for a render started within the last 2 hours',
    function: {
      name: 'RemotionWebhook',
      entry: 'webhooks/remotion-webhook.ts',
      // settleVideoRender (functions/services/video-render.ts) answers the render task's token.
      // videos read: a success is believed only once the video is at its key.
      access: {
        table: 'readWrite',
        buckets: { videos: 'read' },
        secrets: ['remotion'],
        workflow: ['callback'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/webhooks/stripe',
    authorization: 'public',
    publicReason:
      'Stripe posts payment events; the handler accepts one only with a valid Stripe-Signature over the raw body',
    function: {
      name: 'StripeWebhook',
      entry: 'webhooks/stripe-webhook.ts',
      timeoutSeconds: 20,
      access: appliesPayments,
    },
  },
  {
    method: 'POST',
    path: '/api/contact',
    authorization: 'public',
    publicReason:
      'the contact form: anyone may write to support; the handler validates the body, sends one email to the support address and answers nothing back but "received"',
    function: {
      name: 'PostContact',
      entry: 'contact/post-contact.ts',
      access: { email: true },
    },
  },
  {
    method: 'POST',
    path: '/api/affiliates',
    authorization: 'public',
    publicReason:
      'creators sign up to the affiliate programme without an AWS identity; the handler validates every body and can only create an affiliate under a free slug',
    function: {
      name: 'CreateAffiliate',
      entry: 'affiliates/create-affiliate.ts',
      access: { table: 'readWrite' },
    },
  },
  // Before `/api/affiliates/{slug}`: the local server takes the first match, where API
  // Gateway prefers the literal path anyway (and `check-slug` is a reserved slug).
  {
    method: 'GET',
    path: '/api/affiliates/check-slug',
    authorization: 'public',
    publicReason:
      'the sign-up form asks whether a slug is free; the answer is free, taken, reserved or invalid and nothing about the affiliate holding it',
    function: {
      name: 'CheckAffiliateSlug',
      entry: 'affiliates/check-slug.ts',
      access: { table: 'read' },
    },
  },
  {
    method: 'GET',
    path: '/api/affiliates/{slug}',
    authorization: 'public',
    publicReason:
      "a creator's landing page is public; it shows the creator's name only, never their email or earnings",
    function: {
      name: 'GetAffiliate',
      entry: 'affiliates/get-affiliate.ts',
      access: { table: 'read' },
    },
  },
  {
    method: 'GET',
    path: '/api/admin/affiliates/report',
    // Revenue and payouts are for staff: signed with AWS credentials, checked by API Gateway.
    authorization: 'iam',
    function: {
      name: 'AffiliateReport',
      entry: 'affiliates/get-report.ts',
      access: { table: 'read' },
    },
  },
];

/** The API Gateway route key, e.g. `GET /api/health`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
