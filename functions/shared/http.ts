import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { DomainError, type DomainErrorKind, PayloadTooLargeError } from '../core/errors.ts';
import { maxBodyBytesOf } from '../core/route-limits.ts';
import { invocation } from './invocation.ts';
import { logger } from './logger.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

export function jsonResponse(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** The HTTP status of each kind of domain error: the only place the two meet. */
const statusOf: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  upstream: 502,
};

/** The one place where errors become HTTP answers. */
export function errorResponse(error: unknown): HttpResult {
  if (error instanceof DomainError) {
    return jsonResponse(statusOf[error.kind], {
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...error.extra,
      },
    });
  }
  logger.error('unhandled error', { error: error instanceof Error ? error.name : typeof error });
  return jsonResponse(500, {
    error: {
      code: 'internal_error',
      message: 'Something went wrong on our side. Please try again.',
    },
  });
}

/**
 * Wraps an HTTP handler: a logger of the invocation's own (its function's name, the route, the
 * request id, and the booking of a `/api/calls/{callId}` route as correlation id), its
 * metrics, and domain errors mapped to status codes.
 */
export function httpHandler(handle: HttpHandler) {
  return middy<APIGatewayProxyEventV2, HttpResult>().handler((event, context) =>
    invocation(context, bookingIdOf(event.pathParameters?.callId), async () => {
      logger.appendKeys({ routeKey: event.routeKey, requestId: event.requestContext.requestId });
      try {
        // The route's own body limit (functions/core/route-limits.ts): API Gateway's is 10 MB for all.
        const limit = maxBodyBytesOf(event.routeKey);
        if (bodyBytes(event) > limit) throw new PayloadTooLargeError(limit);
        return await handle(event, context);
      } catch (error) {
        return errorResponse(error);
      }
    }),
  );
}

/** Booking ids are ULIDs: a path segment that is not one is never logged as a correlation id. */
const bookingIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

function bookingIdOf(callId: string | undefined): string | undefined {
  return callId && bookingIdPattern.test(callId) ? callId : undefined;
}

/** The request body's size in bytes, as sent (decoded when API Gateway base64-encoded it). */
function bodyBytes(event: APIGatewayProxyEventV2): number {
  if (event.body === undefined) return 0;
  return event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').byteLength
    : Buffer.byteLength(event.body);
}
