import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { type RouteDefinition, routeKey, routes } from '../routes.ts';
import { affiliatePageSchema, affiliateReportSchema } from '../schemas/api/affiliates.ts';
import { availabilitySchema } from '../schemas/api/availability.ts';
import { bookingViewSchema } from '../schemas/api/booking-view.ts';
import { cancelResultSchema } from '../schemas/api/cancel-result.ts';
import { createdBookingSchema } from '../schemas/api/create-booking.ts';
import { errorBodySchema } from '../schemas/api/error-body.ts';
import { gatewayRefusalSchema } from '../schemas/api/gateway-refusal.ts';
import { healthSchema } from '../schemas/api/health.ts';
import { pricingAnswerSchema } from '../schemas/api/pricing.ts';
import {
  createdShareSchema,
  sharedRecordingSchema,
  shareLinkSchema,
} from '../schemas/api/share-links.ts';
import { voiceNoteUploadSchema } from '../schemas/api/voice-note-upload.ts';
import { webhookReceiptSchema } from '../schemas/api/webhook-receipt.ts';
import {
  type ErrorStatus,
  type Operation,
  type OperationSecurity,
  operations,
} from './operations.ts';

/**
 * Schemas shown once under `components.schemas` and referred to by name wherever they appear.
 * The key is the component's name (zod-openapi matches the schema instance).
 */
const namedSchemas = {
  AffiliatePage: affiliatePageSchema,
  AffiliateReport: affiliateReportSchema,
  Availability: availabilitySchema,
  BookingView: bookingViewSchema,
  CancelResult: cancelResultSchema,
  CreatedBooking: createdBookingSchema,
  CreatedShare: createdShareSchema,
  ErrorBody: errorBodySchema,
  GatewayRefusal: gatewayRefusalSchema,
  Health: healthSchema,
  Pricing: pricingAnswerSchema,
  SharedRecording: sharedRecordingSchema,
  ShareLink: shareLinkSchema,
  VoiceNoteUpload: voiceNoteUploadSchema,
  WebhookReceipt: webhookReceiptSchema,
};

/** The security schemes by `OperationSecurity`; `public` needs none. */
const securitySchemes = {
  bookingToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The booking's access token, answered by `POST /api/calls` and carried in the parent's manage link. A wrong or missing token answers 404, exactly like an unknown booking.",
  },
  awsIam: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'AWS Signature Version 4 with credentials allowed to invoke the API (API Gateway IAM authorisation). API Gateway answers 403 `{ message }` before any handler runs. Locally the `x-callsanta-admin-key` header stands in.',
    'x-amazon-apigateway-authtype': 'awsSigv4',
  },
  stripeSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Stripe-Signature',
    description: "Stripe's HMAC-SHA256 over the raw body, with a timestamp within 300 s.",
  },
  elevenLabsSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'ElevenLabs-Signature',
    description: "ElevenLabs' HMAC-SHA256 over the raw body (`t=…,v0=…`), at most 30 minutes old.",
  },
  remotionSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Remotion-Signature',
    description: "Remotion's HMAC-SHA512 over the raw body.",
  },
} as const satisfies Record<Exclude<OperationSecurity, 'public'>, unknown>;

/** Path parameters by name, as every route that has one reads it. */
const pathParameters: Readonly<Record<string, z.ZodType>> = {
  callId: z
    .string()
    .meta({ description: 'The booking id (`callId` of `POST /api/calls`), a ULID.' }),
  shareId: z.string().meta({ description: 'The share link’s id (`shareId`).' }),
  token: z.string().meta({ description: 'The share link’s token, from its URL.' }),
  slug: z.string().meta({ description: "The creator's slug, e.g. `jolly-jen`." }),
};

const errorMeaning: Readonly<Record<ErrorStatus | 403 | 429 | 500, string>> = {
  400: 'The request is not valid: `message` says why, `fields` which fields to fix.',
  401: 'The signature does not hold.',
  403: 'Refused by API Gateway: no valid AWS credentials.',
  404: 'Nothing here for this caller.',
  409: 'The request clashes with the state of things.',
  413: 'The request body is too large.',
  415: 'The request body is not JSON.',
  429: 'Throttled by API Gateway before any handler ran: try again shortly.',
  500: 'Something went wrong on our side; trying again may work.',
  502: 'A provider we depend on did not answer; trying again later may work.',
};

/**
 * The error body (`ErrorBody`, one component) with `error.code` narrowed to the codes a route
 * answers with a status: `allOf` the two, so the body's shape is written once.
 */
function errorBodyWith(codes: readonly string[]): z.ZodType {
  const [first, ...rest] = codes;
  if (first === undefined) return errorBodySchema;
  const narrowed = z.looseObject({ error: z.looseObject({ code: z.enum([first, ...rest]) }) });
  return z.intersection(errorBodySchema, narrowed);
}

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

type StatusKey = `${1 | 2 | 3 | 4 | 5}${string}`;

function responsesOf(operation: Operation): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, answer] of Object.entries(operation.answers)) {
    responses[status as StatusKey] = {
      description: answer.description,
      ...(answer.schema ? json(answer.schema) : {}),
    };
  }
  const errors: [string, readonly string[]][] = [
    ...Object.entries(operation.errors),
    // Every route's body limit is checked before its handler (functions/shared/http.ts), so
    // even a route that reads no body answers 413 to one over its limit (route-limits.ts).
    ...(operation.errors[413] ? [] : [['413', ['payload_too_large']] as [string, string[]]]),
    ['500', ['internal_error']],
  ];
  for (const [status, codes] of errors) {
    const meaning = errorMeaning[Number(status) as ErrorStatus];
    responses[status as StatusKey] = {
      description: `${meaning} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
      ...json(errorBodyWith(codes)),
    };
  }
  // API Gateway throttles every route (the account's limits, and the stage's per-route ones).
  responses['429'] = { description: errorMeaning[429], ...json(gatewayRefusalSchema) };
  if (operation.security === 'awsIam') {
    responses['403'] = { description: errorMeaning[403], ...json(gatewayRefusalSchema) };
  }
  return responses;
}

function operationOf(route: RouteDefinition): ZodOpenApiOperationObject {
  const operation = operations[routeKey(route)];
  if (!operation) {
    throw new Error(`${routeKey(route)} has no contract in functions/api-docs/operations.ts.`);
  }
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const path = Object.fromEntries(names.map((name) => [name, pathParameters[name] ?? z.string()]));
  const name = route.function.name;
  return {
    operationId: `${name.charAt(0).toLowerCase()}${name.slice(1)}`,
    summary: operation.summary,
    // Why anyone may call it (the route table's reason, which cdk-nag records too), or who may.
    description:
      route.authorization === 'public'
        ? `Public: ${route.publicReason}.`
        : 'Staff only: signed with AWS credentials, checked by API Gateway.',
    tags: [operation.tag],
    security: operation.security === 'public' ? [] : [{ [operation.security]: [] }],
    ...(names.length || operation.query
      ? {
          requestParams: {
            ...(names.length ? { path: z.object(path) } : {}),
            ...(operation.query ? { query: operation.query } : {}),
          },
        }
      : {}),
    ...(operation.body ? { requestBody: { required: true, ...json(operation.body) } } : {}),
    responses: responsesOf(operation),
  };
}

/**
 * The OpenAPI 3.1 document of the API: one operation per route of `functions/routes.ts`, in
 * the table's order, its bodies and parameters rendered from the zod schemas the handlers
 * parse and answer with. Deterministic: the same code gives the same document, byte for byte.
 *
 * @throws Error when a route has no contract in `operations.ts`
 */
export function openApiDocument(): ReturnType<typeof createDocument> {
  const paths: NonNullable<ZodOpenApiObject['paths']> = {};
  for (const route of routes) {
    const method = route.method.toLowerCase() as Lowercase<RouteDefinition['method']>;
    paths[route.path] = { ...paths[route.path], [method]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'CallSanta API',
      version: '1',
      description:
        "A personalised phone call from Santa. Errors answer `{ error: { code, message, fields? } }` (functions/shared/http.ts); money is in minor units of the answer's `currency`.",
    },
    security: [],
    paths,
    components: { schemas: namedSchemas, securitySchemes },
  });
}
