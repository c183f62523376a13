import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Why S3 refuses a request: the HTTP status, S3's error code and message, and the extra elements
 * S3 puts in the `<Error>` document (e.g. `MaxSizeAllowed`). Source: the S3 API reference's
 * error-code list and the answers S3 gives browser POST uploads.
 */
export interface S3Denial {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, string>>;
}

export function accessDenied(message = 'Access Denied'): S3Denial {
  return { status: 403, code: 'AccessDenied', message };
}

export function signatureDoesNotMatch(details?: Record<string, string>): S3Denial {
  return {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ...(details ? { details } : {}),
  };
}

export function invalidAccessKeyId(accessKeyId: string): S3Denial {
  return {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The AWS Access Key Id you provided does not exist in our records.',
    details: { AWSAccessKeyId: accessKeyId },
  };
}

export function invalidArgument(message: string): S3Denial {
  return { status: 400, code: 'InvalidArgument', message };
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** S3's XML error document for a denial. */
export function denialXml(denial: S3Denial, requestId: string, hostId: string): string {
  const extra = Object.entries(denial.details ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Error><Code>${denial.code}</Code><Message>${escapeXml(denial.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`,
  ].join('\n');
}

/** Answers a denial as S3 does: XML body, `x-amz-request-id` and `x-amz-id-2`; HEAD gets no body. */
export function answerDenial(
  res: ServerResponse,
  denial: S3Denial,
  headOnly: boolean,
  cors: Record<string, string>,
): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(48).toString('base64');
  const body = denialXml(denial, requestId, hostId);
  res.writeHead(denial.status, {
    ...cors,
    'content-type': 'application/xml',
    'content-length': headOnly ? 0 : Buffer.byteLength(body),
    'x-amz-request-id': requestId,
    'x-amz-id-2': hostId,
  });
  res.end(headOnly ? undefined : body);
}
