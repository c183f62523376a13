import type { IncomingMessage } from 'node:http';
import type { KoaMiddleware } from '../s3-faults.ts';
import { readPostForm, replayBody } from './post-form.ts';
import { verifyPostUpload } from './post-upload.ts';
import { accessDenied, answerDenial, invalidArgument, type S3Denial } from './s3-denial.ts';
import {
  type SignedRequest,
  verifyHeaderSignedRequest,
  verifyPresignedRequest,
} from './sigv4-request.ts';

export interface S3AuthOptions {
  /** The secret of an access key id; undefined for a key the server does not know. */
  readonly secretFor: (accessKeyId: string) => string | undefined;
  /** The CORS headers S3 adds for this request's origin, so a browser can read the denial. */
  readonly corsHeaders: (req: IncomingMessage) => Record<string, string>;
  /** The longest browser POST body read, bytes; longer ones are refused as `EntityTooLarge`. */
  readonly maxPostBytes: number;
  /** The server's clock (tests pass a fixed one). */
  readonly now?: () => Date;
}

function isBrowserPost(req: IncomingMessage, path: string): boolean {
  // A browser upload is a POST of a form to the bucket itself: `/<bucket>`, nothing after it.
  const segments = path.split('/').filter(Boolean);
  return (
    req.method === 'POST' &&
    segments.length === 1 &&
    (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')
  );
}

/** The bucket of a path-style `/<bucket>` URL, decoded (left as sent when malformed). */
function bucketOf(path: string): string {
  const segment = path.split('/').filter(Boolean)[0] ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Koa middleware for s3rver's stack (after the fault control): refuses, as S3 refuses, every
 * request S3 would refuse for its authentication — header-signed and presigned requests whose
 * SigV4 signature does not verify or whose link expired, browser POST uploads whose policy,
 * signature or expiry fail, and anonymous requests (every bucket is private). What passes goes
 * on to s3rver unchanged (a POST's body is replayed). CORS preflights pass untouched; SigV2
 * requests go on to s3rver, which verifies those itself.
 */
export function s3AuthMiddleware(options: S3AuthOptions): KoaMiddleware {
  const now = options.now ?? (() => new Date());
  return async (context, next) => {
    const { req, res } = context;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') return next();
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const request: SignedRequest = {
      method,
      path: at < 0 ? url : url.slice(0, at),
      rawQuery: at < 0 ? '' : url.slice(at + 1),
      headers: req.headers,
    };
    const query = new URLSearchParams(request.rawQuery);
    const authorization = req.headers.authorization;
    let denial: S3Denial | undefined;
    if (authorization !== undefined) {
      if (/^AWS\s/.test(authorization)) return next();
      denial = await verifyHeaderSignedRequest(request, now(), options.secretFor);
    } else if (query.has('X-Amz-Algorithm')) {
      denial = await verifyPresignedRequest(request, now(), options.secretFor);
    } else if (query.has('Signature')) {
      return next();
    } else if (isBrowserPost(req, request.path)) {
      const form = await readPostForm(req, options.maxPostBytes);
      if (form.kind === 'form') {
        const bucket = bucketOf(request.path);
        denial = verifyPostUpload(
          { bucket, fields: form.fields, fileSize: form.fileSize },
          now(),
          options.secretFor,
        );
        if (!denial) replayBody(req, form.body);
      } else if (form.kind === 'tooLarge') {
        denial = {
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
          details: {
            ProposedSize: String(form.bytes),
            MaxSizeAllowed: String(options.maxPostBytes),
          },
        };
      } else {
        denial = invalidArgument(form.message);
      }
    } else {
      denial = accessDenied();
    }
    if (!denial) return next();
    context.respond = false;
    // A denied request's body is read and dropped first, so the client sees the answer.
    if (!req.readableEnded) req.resume();
    answerDenial(res, denial, method === 'HEAD', options.corsHeaders(req));
  };
}
