import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import {
  DomainError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../core/errors.ts';
import { fieldErrors } from '../schemas/booking-request.ts';

/** The request body exactly as sent: what webhook signatures are computed over. */
export function rawBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Parses a JSON body against the boundary's schema. Every failure is a 4xx that says what to
 * fix: wrong content type (415), too large (413), not JSON or not valid (400, with fields).
 */
export function parseJsonBody<Schema extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: Schema,
  maxBytes = 16 * 1024,
): z.infer<Schema> {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('JSON with Content-Type: application/json');
  }
  const body = rawBody(event);
  if (Buffer.byteLength(body) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('The request body is not valid JSON.', { body: 'Not valid JSON.' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError('Some details need fixing.', fieldErrors(parsed.error));
  }
  return parsed.data;
}

export function parseQuery<Schema extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: Schema,
): z.infer<Schema> {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    throw new ValidationError('Some query parameters need fixing.', fieldErrors(parsed.error));
  }
  return parsed.data;
}

/** A `%` that does not start an escape of two hex digits. */
const brokenEscape = /%(?![0-9A-Fa-f]{2})/;

/**
 * The path parameter `name` (`''` when absent). The gateway hands parameters over decoded; a
 * segment it could not decode (`%ZZ`, a lone `%`, `%E0%A4%A`, an escape that is not UTF-8)
 * arrives as sent, and is a 400 `invalid_path_encoding` naming the parameter — never looked
 * up. Our ids never hold a `%`, so a value that still decodes is simply not found later.
 */
export function pathParameter(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name] ?? '';
  if (value.includes('%') && (brokenEscape.test(value) || !decodes(value))) {
    throw new DomainError(
      'invalid',
      'invalid_path_encoding',
      `The link is broken: its ${name} has a malformed %-escape. Check the address and try again.`,
      { [name]: 'Not valid percent-encoding.' },
    );
  }
  return value;
}

function decodes(value: string): boolean {
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** The bearer token of the request, if any. */
export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
