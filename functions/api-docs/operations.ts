import * as z from 'zod';
import { notBuyableMessages } from '../core/recording-purchase.ts';
import { notShareableMessages } from '../core/share-links.ts';
import {
  affiliateReportQuery,
  affiliateSignupSchema,
  checkSlugQuery,
} from '../schemas/affiliate-request.ts';
import {
  affiliatePageSchema,
  affiliateReportSchema,
  createdAffiliateSchema,
  slugCheckSchema,
} from '../schemas/api/affiliates.ts';
import { availabilitySchema } from '../schemas/api/availability.ts';
import { bookingViewSchema } from '../schemas/api/booking-view.ts';
import { cancelResultSchema } from '../schemas/api/cancel-result.ts';
import { createdBookingSchema } from '../schemas/api/create-booking.ts';
import { healthSchema } from '../schemas/api/health.ts';
import { pricingAnswerSchema } from '../schemas/api/pricing.ts';
import { recordingPurchaseSchema } from '../schemas/api/recording-purchase.ts';
import {
  createdShareSchema,
  sharedRecordingSchema,
  shareListSchema,
} from '../schemas/api/share-links.ts';
import { voiceNoteUploadSchema } from '../schemas/api/voice-note-upload.ts';
import { webhookReceiptSchema } from '../schemas/api/webhook-receipt.ts';
import { availabilityQuery } from '../schemas/availability-query.ts';
import { bookingRequestSchema, rescheduleRequestSchema } from '../schemas/booking-request.ts';
import { contactReceiptSchema, contactRequestSchema } from '../schemas/contact-request.ts';
import { detailsRequestSchema } from '../schemas/details-request.ts';
import {
  elevenLabsWebhookEnvelopeSchema,
  elevenLabsWebhookSchemas,
} from '../schemas/elevenlabs-webhook.ts';
import { remotionWebhookSchema } from '../schemas/remotion-webhook.ts';
import { stripeEventReadings } from '../schemas/stripe-event.ts';
import { voiceNoteUploadRequestSchema } from '../schemas/voice-note-request.ts';

/**
 * Who may call a route, as the OpenAPI document's security schemes say it
 * (`openapi-document.ts`): anyone; the booking's access token (the manage link's bearer);
 * AWS credentials checked by API Gateway (admin); or a provider's signature over the raw body.
 */
export type OperationSecurity =
  | 'public'
  | 'bookingToken'
  | 'awsIam'
  | 'stripeSignature'
  | 'elevenLabsSignature'
  | 'remotionSignature';

/** The statuses our handlers answer with the error body (`functions/shared/http.ts`). */
export type ErrorStatus = 400 | 401 | 404 | 409 | 413 | 415 | 502;

export interface SuccessAnswer {
  readonly description: string;
  /** The body's schema; none for an empty answer (204). */
  readonly schema?: z.ZodType;
}

/**
 * One route's contract: what it takes and every answer it gives. The route itself (method,
 * path, authorisation) comes from `functions/routes.ts`; this adds what a caller must know.
 */
export interface Operation {
  readonly summary: string;
  readonly tag: string;
  readonly security: OperationSecurity;
  readonly query?: z.ZodObject;
  /** The JSON body, read by `parseJsonBody` (or, for webhooks, after the signature). */
  readonly body?: z.ZodType;
  /** Answers by status; the body's schema is what the handler types its answer with. */
  readonly answers: Readonly<Partial<Record<200 | 201 | 202 | 204 | 503, SuccessAnswer>>>;
  /** Error statuses the handler answers, each with the `error.code`s it can carry. */
  readonly errors: Readonly<Partial<Record<ErrorStatus, readonly string[]>>>;
}

/** What `parseJsonBody` answers for a body it cannot take (`functions/shared/request.ts`). */
const jsonBodyErrors = {
  400: ['validation_failed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
} as const;

/**
 * What `authorizedBooking` answers: an undecodable id (400) and a wrong, missing or foreign
 * token, or an unknown id, all alike (404) — `functions/bookings/authorize.ts`.
 */
const tokenErrors = { 400: ['invalid_path_encoding'], 404: ['not_found'] } as const;

/** The error statuses of several sources, their codes joined (each once, in order). */
function errors(
  ...sources: Readonly<Partial<Record<ErrorStatus, readonly string[]>>>[]
): Partial<Record<ErrorStatus, readonly string[]>> {
  const joined: Partial<Record<ErrorStatus, string[]>> = {};
  for (const source of sources) {
    for (const [key, codes] of Object.entries(source)) {
      const status = Number(key) as ErrorStatus;
      joined[status] = [...new Set([...(joined[status] ?? []), ...(codes ?? [])])];
    }
  }
  return joined;
}

const fullTime = ['slot_full', 'no_line_free'];
const bookingView = {
  description: 'The booking as the parent sees it.',
  schema: bookingViewSchema,
};

/** A webhook's verified body: the event kinds we read, and any other acknowledged. */
const stripeEvent = z.union(stripeEventReadings);
const elevenLabsWebhook = z.union([
  ...Object.values(elevenLabsWebhookSchemas),
  elevenLabsWebhookEnvelopeSchema,
]);
const received = { description: 'The event was taken.', schema: webhookReceiptSchema };

/**
 * The API's contract, by route key (`routeKey` of `functions/routes.ts`). Every route has
 * one and nothing else does: the document builder refuses a route without a contract, and a
 * unit test refuses a contract without a route.
 */
export const operations: Readonly<Record<string, Operation>> = {
  'GET /api/health': {
    summary:
      'Whether the table and every bucket answer and every secret is ready (the uptime probe).',
    tag: 'Service',
    security: 'public',
    answers: {
      200: {
        description: 'Every store answers and every secret holds real, well-formed values.',
        schema: healthSchema,
      },
      503: {
        description:
          'Something is not ready: `problems` names each (`table`, `bucket:<id>`, `secret:<name>`), never a value.',
        schema: healthSchema,
      },
    },
    errors: {},
  },
  'GET /api/openapi.json': {
    summary: 'This document: the API in OpenAPI 3.1.',
    tag: 'Service',
    security: 'public',
    answers: {
      200: {
        description: 'The OpenAPI document.',
        schema: z.record(z.string(), z.unknown()),
      },
    },
    errors: {},
  },
  'GET /api/pricing': {
    summary: 'What a call and the recording add-on cost now, in minor units.',
    tag: 'Bookings',
    security: 'public',
    answers: { 200: { description: 'The active price list.', schema: pricingAnswerSchema } },
    errors: {},
  },
  'GET /api/availability': {
    summary: "The bookable instants of the callee's local day, and whether a call can start now.",
    tag: 'Bookings',
    security: 'public',
    query: availabilityQuery,
    answers: { 200: { description: 'The day’s bookable times.', schema: availabilitySchema } },
    errors: { 400: ['validation_failed'] },
  },
  'POST /api/calls': {
    summary:
      'Books a call for one to four children: holds its place and answers the PaymentIntent to confirm.',
    tag: 'Bookings',
    security: 'public',
    body: bookingRequestSchema,
    answers: {
      201: {
        description: 'The booking, its PaymentIntent and its access token.',
        schema: createdBookingSchema,
      },
    },
    errors: errors(jsonBodyErrors, { 409: fullTime, 502: ['upstream_unavailable'] }),
  },
  'GET /api/calls/{callId}': {
    summary: 'The booking, its timeline and, after the call, its transcript and media links.',
    tag: 'Bookings',
    security: 'bookingToken',
    answers: { 200: bookingView },
    errors: tokenErrors,
  },
  'PATCH /api/calls/{callId}': {
    summary: 'Moves the call to a new time, or to now.',
    tag: 'Bookings',
    security: 'bookingToken',
    body: rescheduleRequestSchema,
    answers: { 200: bookingView },
    errors: errors(tokenErrors, jsonBodyErrors, { 409: ['not_reschedulable', ...fullTime] }),
  },
  'PATCH /api/calls/{callId}/details': {
    summary:
      "Corrects the number Santa calls, each child's details and the notes for Santa, until shortly before the call.",
    tag: 'Bookings',
    security: 'bookingToken',
    body: detailsRequestSchema,
    answers: { 200: bookingView },
    errors: errors(tokenErrors, jsonBodyErrors, { 409: ['details_locked', 'booking_changed'] }),
  },
  'POST /api/calls/{callId}/cancel': {
    summary: 'Cancels the call; refunds it when cancelled in time.',
    tag: 'Bookings',
    security: 'bookingToken',
    answers: {
      200: {
        description: 'The booking, and whether the money went back.',
        schema: cancelResultSchema,
      },
    },
    errors: errors(tokenErrors, { 409: ['not_cancellable'], 502: ['upstream_unavailable'] }),
  },
  'POST /api/calls/{callId}/erase': {
    summary: "Erases the child's data once no call is coming or happening.",
    tag: 'Bookings',
    security: 'bookingToken',
    answers: { 200: bookingView },
    errors: errors(tokenErrors, { 409: ['call_not_over'] }),
  },
  'POST /api/calls/{callId}/recording-purchase': {
    summary: 'Buys the recording (and its video) after the call: a PaymentIntent to confirm.',
    tag: 'Bookings',
    security: 'bookingToken',
    answers: {
      201: { description: 'The recording’s PaymentIntent.', schema: recordingPurchaseSchema },
    },
    errors: errors(tokenErrors, {
      409: Object.keys(notBuyableMessages),
      502: ['upstream_unavailable'],
    }),
  },
  'POST /api/calls/{callId}/video/retry': {
    summary: 'Tries the video again after its render failed.',
    tag: 'Bookings',
    security: 'bookingToken',
    answers: { 202: { ...bookingView, description: 'A new render has started.' } },
    errors: errors(tokenErrors, {
      409: [
        'no_recording',
        'recording_not_bought',
        'video_not_failed',
        // startVideoRun (functions/services/video-run.ts), when the booking changed meanwhile.
        ...['call_not_completed', 'no_recording', 'data_erased', 'already_made', 'being_made'].map(
          (problem) => `video_${problem}`,
        ),
      ],
    }),
  },
  'POST /api/calls/{callId}/shares': {
    summary: "A new share link for the call's recording; its URL is shown this once.",
    tag: 'Sharing',
    security: 'bookingToken',
    answers: { 201: { description: 'The new share link.', schema: createdShareSchema } },
    errors: errors(tokenErrors, { 409: Object.keys(notShareableMessages) }),
  },
  'GET /api/calls/{callId}/shares': {
    summary: "The call's live share links, oldest first.",
    tag: 'Sharing',
    security: 'bookingToken',
    answers: { 200: { description: 'The live share links.', schema: shareListSchema } },
    errors: tokenErrors,
  },
  'DELETE /api/calls/{callId}/shares/{shareId}': {
    summary: 'Stops a share link at once.',
    tag: 'Sharing',
    security: 'bookingToken',
    answers: { 204: { description: 'The link no longer works.' } },
    errors: tokenErrors,
  },
  'GET /api/shared/{token}': {
    summary: 'What a share link shows: the first name, the date and 15-minute media links.',
    tag: 'Sharing',
    security: 'public',
    answers: { 200: { description: 'The shared recording.', schema: sharedRecordingSchema } },
    errors: tokenErrors,
  },
  'POST /api/voice-notes': {
    summary: 'A presigned S3 POST to upload a voice note with, before booking.',
    tag: 'Voice notes',
    security: 'public',
    body: voiceNoteUploadRequestSchema,
    answers: { 201: { description: 'The upload form.', schema: voiceNoteUploadSchema } },
    errors: jsonBodyErrors,
  },
  'POST /api/webhooks/elevenlabs': {
    summary: "ElevenLabs' post-call webhook: how a call went.",
    tag: 'Webhooks',
    security: 'elevenLabsSignature',
    body: elevenLabsWebhook,
    answers: { 200: received },
    errors: { 400: ['invalid_json', 'malformed_webhook'], 401: ['invalid_signature'] },
  },
  'POST /api/webhooks/remotion': {
    summary: "Remotion Lambda's render webhook: how a video render ended.",
    tag: 'Webhooks',
    security: 'remotionSignature',
    body: remotionWebhookSchema,
    answers: { 200: received },
    errors: {
      400: ['invalid_json', 'malformed_webhook', 'webhook_from_the_future', 'stale_webhook'],
      401: ['invalid_signature'],
    },
  },
  'POST /api/webhooks/stripe': {
    summary: "Stripe's payment events.",
    tag: 'Webhooks',
    security: 'stripeSignature',
    body: stripeEvent,
    answers: { 200: received },
    errors: {
      400: [
        'missing_signature',
        'invalid_signature',
        'signature_outside_tolerance',
        'malformed_event',
      ],
      502: ['upstream_unavailable'],
    },
  },
  'POST /api/contact': {
    summary:
      'A message to support from the contact form: one email to the support address, Reply-To the sender.',
    tag: 'Support',
    security: 'public',
    body: contactRequestSchema,
    answers: {
      202: { description: 'Received; it is on its way to support.', schema: contactReceiptSchema },
    },
    errors: errors(jsonBodyErrors, { 502: ['upstream_unavailable'] }),
  },
  'POST /api/affiliates': {
    summary: 'A creator claims a slug; their landing page is live at once.',
    tag: 'Affiliates',
    security: 'public',
    body: affiliateSignupSchema,
    answers: { 201: { description: 'The creator’s page.', schema: createdAffiliateSchema } },
    errors: errors(jsonBodyErrors, { 409: ['slug_taken'] }),
  },
  'GET /api/affiliates/check-slug': {
    summary: 'Whether a slug is free, and why not.',
    tag: 'Affiliates',
    security: 'public',
    query: checkSlugQuery,
    answers: { 200: { description: 'Free, or why not.', schema: slugCheckSchema } },
    errors: { 400: ['validation_failed'] },
  },
  'GET /api/affiliates/{slug}': {
    summary: "What a creator's landing page shows (never their email).",
    tag: 'Affiliates',
    security: 'public',
    answers: { 200: { description: 'The creator’s page.', schema: affiliatePageSchema } },
    errors: tokenErrors,
  },
  'GET /api/admin/affiliates/report': {
    summary: 'Bookings, revenue and payouts per affiliate over UTC days (staff only).',
    tag: 'Admin',
    security: 'awsIam',
    query: affiliateReportQuery,
    answers: { 200: { description: 'The report.', schema: affiliateReportSchema } },
    errors: { 400: ['validation_failed'], 404: ['not_found'] },
  },
};
