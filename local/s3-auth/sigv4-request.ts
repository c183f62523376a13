import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { type CredentialScope, parseAmzDate, parseCredential } from './credential-scope.ts';
import { sameSignature } from './post-upload.ts';
import {
  accessDenied,
  invalidAccessKeyId,
  invalidArgument,
  type S3Denial,
  signatureDoesNotMatch,
} from './s3-denial.ts';
import { NodeSha256 } from './sha256.ts';

/**
 * SigV4 verification of S3 requests, signed in the query (presigned URLs) or in the
 * `Authorization` header (the SDK), per
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html and
 * sigv4-auth-using-authorization-header. The expected signature is computed with the SDK's own
 * signer (`@smithy/signature-v4`, as S3 clients configure it: no double path escaping), over
 * the request as it arrived; only the payload is taken on trust from `x-amz-content-sha256`
 * (the body is not hashed).
 */

/** An incoming request as the verifier needs it. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded, e.g. `/bucket/voice-notes/a.webm`. */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly rawQuery: string;
  /** Header values by lower-case name (node's `IncomingHttpHeaders`). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The longest a presigned URL may live, seconds (a week). */
const maxExpiresSeconds = 604_800;
/** How far a header-signed request's `x-amz-date` may be from the server's clock. */
const maxSkewMs = 15 * 60 * 1000;
const unsignedPayload = 'UNSIGNED-PAYLOAD';

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll('+', '%20'));
  } catch {
    return part;
  }
}

/** The query's parameters, decoded; repeated names keep every value. */
export function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    const existing = query[name];
    query[name] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return query;
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

function signer(secretAccessKey: string, scope: CredentialScope): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey },
    region: scope.region,
    service: scope.service,
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
}

/** The request with only the named headers, plus the payload hash header for hashing. */
function toSign(
  request: SignedRequest,
  query: Record<string, string | string[]>,
  signedHeaders: readonly string[],
  payloadHash: string | undefined,
): HttpRequest {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  if (payloadHash !== undefined) headers['x-amz-content-sha256'] = payloadHash;
  const host = headers.host ?? headerValue(request.headers, 'host') ?? '';
  return {
    method: request.method,
    protocol: 'http:',
    hostname: host.split(':')[0] ?? '',
    path: request.path,
    query,
    headers,
  };
}

function queryParameterError(message: string): S3Denial {
  return { status: 400, code: 'AuthorizationQueryParametersError', message };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The denial S3 gives a presigned (query-signed) request at `now`, or undefined when the
 * signature is right and the link has not expired: `AuthorizationQueryParametersError` 400 for
 * missing or malformed parameters, `InvalidAccessKeyId` 403, `AccessDenied` 403 "Request has
 * expired", `SignatureDoesNotMatch` 403.
 */
export async function verifyPresignedRequest(
  request: SignedRequest,
  now: Date,
  secretFor: (accessKeyId: string) => string | undefined,
): Promise<S3Denial | undefined> {
  const query = parseQuery(request.rawQuery);
  const authParameters = [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
  ];
  // The signer below sets these itself when it signs, so a second, unsigned value (a later
  // expiry, say) would pass unseen: a link names each once.
  const repeated = authParameters.filter((name) => Array.isArray(query[name]));
  if (repeated.length > 0) {
    return queryParameterError(`${repeated.join(', ')} must appear once in the query string.`);
  }
  const [algorithm, credential, amzDate, expires, signedHeaderList, signature] = authParameters.map(
    (name) => single(query[name]),
  );
  if (!credential || !amzDate || !expires || !signedHeaderList || !signature) {
    return queryParameterError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return queryParameterError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const scope = parseCredential(credential);
  if (!scope)
    return queryParameterError(`Error parsing the X-Amz-Credential parameter: ${credential}`);
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    return queryParameterError(
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  }
  if (!/^\d+$/.test(expires) || Number(expires) > maxExpiresSeconds) {
    return queryParameterError(
      'X-Amz-Expires must be a whole number of seconds, at most 604800 (a week).',
    );
  }
  const secret = secretFor(scope.accessKeyId);
  if (secret === undefined) return invalidAccessKeyId(scope.accessKeyId);
  const expiresAt = new Date(signingDate.getTime() + Number(expires) * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    return {
      ...accessDenied('Request has expired'),
      details: {
        'X-Amz-Expires': expires,
        Expires: expiresAt.toISOString().replace(/\.\d+/, ''),
        ServerTime: now.toISOString().replace(/\.\d+/, ''),
      },
    };
  }
  const signedHeaders = signedHeaderList.toLowerCase().split(';').filter(Boolean);
  const { 'X-Amz-Signature': _provided, ...unsignedQuery } = query;
  // Presigned S3 requests hash the payload as UNSIGNED-PAYLOAD; it is neither signed nor hoisted.
  const payloadHeaderSigned = signedHeaders.includes('x-amz-content-sha256');
  const presigned = await signer(secret, scope).presign(
    toSign(
      request,
      unsignedQuery,
      signedHeaders,
      payloadHeaderSigned ? headerValue(request.headers, 'x-amz-content-sha256') : unsignedPayload,
    ),
    {
      signingDate,
      expiresIn: Number(expires),
      signingRegion: scope.region,
      signingService: scope.service,
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: payloadHeaderSigned ? new Set() : new Set(['x-amz-content-sha256']),
      // The headers stay headers: the client signed them where they were.
      unhoistableHeaders: new Set([...signedHeaders, 'x-amz-content-sha256']),
    },
  );
  const expected = single(presigned.query?.['X-Amz-Signature'] ?? undefined) ?? '';
  return sameSignature(signature, expected)
    ? undefined
    : signatureDoesNotMatch({ AWSAccessKeyId: scope.accessKeyId });
}

/** The three parts of a SigV4 `Authorization` header, or undefined when malformed. */
export function parseAuthorization(
  header: string,
): { credential: string; signedHeaders: string[]; signature: string } | undefined {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!match?.[1]) return undefined;
  const parts = new Map(
    match[1].split(',').map((part) => {
      const [name, ...value] = part.trim().split('=');
      return [name ?? '', value.join('=')] as const;
    }),
  );
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  return { credential, signedHeaders: signedHeaders.toLowerCase().split(';'), signature };
}

/**
 * The denial S3 gives a header-signed (`Authorization: AWS4-HMAC-SHA256 …`) request at `now`, or
 * undefined when its signature is right: `AuthorizationHeaderMalformed` 400,
 * `InvalidAccessKeyId` 403, `RequestTimeTooSkewed` 403 (more than 15 minutes off),
 * `SignatureDoesNotMatch` 403.
 */
export async function verifyHeaderSignedRequest(
  request: SignedRequest,
  now: Date,
  secretFor: (accessKeyId: string) => string | undefined,
): Promise<S3Denial | undefined> {
  const authorization = parseAuthorization(headerValue(request.headers, 'authorization') ?? '');
  const scope = authorization && parseCredential(authorization.credential);
  if (!authorization || !scope) {
    return {
      status: 400,
      code: 'AuthorizationHeaderMalformed',
      message:
        'The authorization header is malformed; it needs Credential=<key>/<yyyymmdd>/<region>/s3/aws4_request, SignedHeaders and Signature.',
    };
  }
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!signingDate) {
    return accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  }
  const secret = secretFor(scope.accessKeyId);
  if (secret === undefined) return invalidAccessKeyId(scope.accessKeyId);
  if (Math.abs(now.getTime() - signingDate.getTime()) > maxSkewMs) {
    return {
      status: 403,
      code: 'RequestTimeTooSkewed',
      message: 'The difference between the request time and the current time is too large.',
      details: {
        RequestTime: amzDate ?? '',
        ServerTime: now.toISOString().replace(/\.\d+/, ''),
      },
    };
  }
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    return invalidArgument('Missing required header for this request: x-amz-content-sha256');
  }
  const { signedHeaders } = authorization;
  const signed = await signer(secret, scope).sign(
    toSign(request, parseQuery(request.rawQuery), signedHeaders, payloadHash),
    {
      signingDate,
      signingRegion: scope.region,
      signingService: scope.service,
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: signedHeaders.includes('x-amz-content-sha256')
        ? new Set()
        : new Set(['x-amz-content-sha256']),
    },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
  return sameSignature(authorization.signature, expected)
    ? undefined
    : signatureDoesNotMatch({ AWSAccessKeyId: scope.accessKeyId });
}
