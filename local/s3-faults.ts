import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  answerFaultControl,
  discardBody,
  FaultQueue,
  faultControlPath,
  hangFaultSchema,
  hangUp,
  type QueuedFault,
  timesSchema,
} from './aws-faults.ts';

/**
 * Faults a test can queue on the local S3 (`POST /_local/faults` on its port), each for the next
 * `times` requests that match. The error kinds answer with S3's XML error body
 * (`<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId><HostId>…</HostId></Error>`)
 * after reading the request body, so `@aws-sdk/client-s3` throws an `S3ServiceException` named
 * by the code, `$fault: 'server'`, which its standard retry strategy retries (by status, and
 * `SlowDown` by name as throttling) as it does for AWS. Nothing is stored, read or deleted.
 * A HEAD request gets the status and headers only (no body, as S3 answers HEAD), so the SDK
 * cannot name that error.
 */
export const s3Errors = {
  'internal-error': {
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
  },
  'slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
} as const;
export type S3ErrorKind = keyof typeof s3Errors;

const errorKinds = Object.keys(s3Errors) as [S3ErrorKind, ...S3ErrorKind[]];

export const s3FaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(errorKinds) }),
  hangFaultSchema,
]);
export type S3Fault = z.output<typeof s3FaultSchema>;

/** The HTTP methods S3 operations use; CORS preflights (`OPTIONS`) are never faulted. */
export const s3Methods = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
export type S3Method = (typeof s3Methods)[number];

/**
 * Which requests a fault is for (path-style URLs, `/<bucket>/<key>`, as the local cloud's
 * clients use); every field left out matches any request. A browser's presigned POST goes to
 * `/<bucket>` with the key inside the form, so it matches by `method` and `bucket` only.
 */
export const s3FaultMatchSchema = z
  .object({
    method: z.enum(s3Methods).optional(),
    bucket: z.string().min(1).optional(),
    /** The start of the object key, e.g. `voice-notes/`; a bucket-level request has no key. */
    keyPrefix: z.string().min(1).optional(),
  })
  .default({});
export type S3FaultMatch = z.output<typeof s3FaultMatchSchema>;

/**
 * `POST /_local/faults` on the S3 port, e.g.
 * `{ "fault": { "kind": "slow-down" }, "times": 2, "match": { "method": "PUT", "bucket": "b" } }`.
 */
export const s3FaultRequestSchema = z.object({
  fault: s3FaultSchema,
  times: timesSchema,
  match: s3FaultMatchSchema,
});
export type S3FaultRequest = z.input<typeof s3FaultRequestSchema>;
export type QueuedS3Fault = QueuedFault<S3Fault, S3FaultMatch>;

/** What an S3 request is, for matching. */
export interface S3RequestContext {
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
}

export type S3FaultQueue = FaultQueue<S3Fault, S3FaultMatch, S3RequestContext>;

export function createS3FaultQueue(): S3FaultQueue {
  return new FaultQueue<S3Fault, S3FaultMatch, S3RequestContext>(
    (match, request) =>
      (match.method === undefined || match.method === request.method) &&
      (match.bucket === undefined || match.bucket === request.bucket) &&
      (match.keyPrefix === undefined || (request.key?.startsWith(match.keyPrefix) ?? false)),
  );
}

/** The part of a Koa context the fault middleware uses: it answers on the raw response. */
export interface KoaContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Set to false: Koa then leaves the response alone. */
  respond?: boolean;
}
export type KoaMiddleware = (context: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

export interface S3FaultMiddlewareOptions {
  readonly faults: S3FaultQueue;
  /** The CORS headers S3 adds for this request's origin and method (none when no rule matches). */
  readonly corsHeaders: (req: IncomingMessage) => Record<string, string>;
  /** Aborted when the server stops: every hang ends then. */
  readonly released: AbortSignal;
}

/**
 * Koa middleware for the front of s3rver's stack: answers the fault control path, and a request
 * a queued fault matches, before s3rver sees either; everything else passes through untouched.
 */
export function s3FaultMiddleware(options: S3FaultMiddlewareOptions): KoaMiddleware {
  return async (context, next) => {
    const { req, res } = context;
    const url = new URL(req.url ?? '/', 'http://s3.local');
    if (url.pathname === faultControlPath) {
      context.respond = false;
      await answerFaultControl(req, res, options.faults, s3FaultRequestSchema);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = method === 'OPTIONS' ? undefined : options.faults.take(describe(method, url));
    if (!fault) return next();
    context.respond = false;
    if (fault.kind === 'hang') return hangUp(req, res, fault, options.released);
    await discardBody(req);
    answerS3Error(res, fault.kind, method === 'HEAD', options.corsHeaders(req));
  };
}

function describe(method: string, url: URL): S3RequestContext {
  const [, bucket, ...key] = url.pathname.split('/');
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return {
    method,
    bucket: bucket ? decode(bucket) : undefined,
    key: key.length && key.join('/') ? decode(key.join('/')) : undefined,
  };
}

/** Answers an error fault as S3 does: XML body, `x-amz-request-id` and `x-amz-id-2` headers. */
function answerS3Error(
  res: ServerResponse,
  kind: S3ErrorKind,
  headOnly: boolean,
  cors: Record<string, string>,
): void {
  const { status, code, message } = s3Errors[kind];
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(48).toString('base64');
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`,
  ].join('\n');
  res.writeHead(status, {
    ...cors,
    'content-type': 'application/xml',
    'content-length': headOnly ? 0 : Buffer.byteLength(body),
    'x-amz-request-id': requestId,
    'x-amz-id-2': hostId,
  });
  res.end(headOnly ? undefined : body);
}
