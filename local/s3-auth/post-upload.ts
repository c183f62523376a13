import { timingSafeEqual } from 'node:crypto';
import { parseCredential, postPolicySignature } from './credential-scope.ts';
import { decodePostPolicy, evaluatePostPolicy, type PostUpload } from './post-policy.ts';
import {
  accessDenied,
  invalidAccessKeyId,
  invalidArgument,
  type S3Denial,
  signatureDoesNotMatch,
} from './s3-denial.ts';

/** The SigV4 fields a signed browser POST carries besides `policy`. */
const signatureFields = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'];

/** Constant-time equality of two hex signatures (lengths may differ). */
export function sameSignature(provided: string, expected: string): boolean {
  const a = Buffer.from(provided, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The denial S3 gives a browser POST upload to a private bucket, or undefined when it may be
 * stored: a POST with no `policy` is anonymous (`AccessDenied`); a signed one needs
 * `X-Amz-Algorithm` = AWS4-HMAC-SHA256, a known access key in `X-Amz-Credential`
 * (`InvalidAccessKeyId`), `X-Amz-Signature` = HMAC over the policy as sent
 * (`SignatureDoesNotMatch`), then the policy must hold (see `evaluatePostPolicy`). Pure.
 *
 * @param upload its fields by lower-case name
 * @param secretFor the secret of an access key id, undefined for an unknown key
 */
export function verifyPostUpload(
  upload: PostUpload,
  now: Date,
  secretFor: (accessKeyId: string) => string | undefined,
): S3Denial | undefined {
  const base64Policy = upload.fields.get('policy');
  if (base64Policy === undefined) return accessDenied();
  for (const field of signatureFields) {
    if (upload.fields.get(field) === undefined) {
      return invalidArgument(
        `Bucket POST must contain a field named '${field}'.  If it is specified, please check the order of the fields.`,
      );
    }
  }
  const algorithm = upload.fields.get('x-amz-algorithm') ?? '';
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return invalidArgument(`Unsupported algorithm: ${algorithm}; use AWS4-HMAC-SHA256.`);
  }
  const credential = upload.fields.get('x-amz-credential') ?? '';
  const scope = parseCredential(credential);
  if (!scope) {
    return invalidArgument(
      `Invalid X-Amz-Credential: ${credential}; expected <key>/<yyyymmdd>/<region>/s3/aws4_request.`,
    );
  }
  const secret = secretFor(scope.accessKeyId);
  if (secret === undefined) return invalidAccessKeyId(scope.accessKeyId);
  const expected = postPolicySignature(base64Policy, secret, scope);
  if (!sameSignature(upload.fields.get('x-amz-signature') ?? '', expected)) {
    return signatureDoesNotMatch({ AWSAccessKeyId: scope.accessKeyId, StringToSign: base64Policy });
  }
  const policy = decodePostPolicy(base64Policy);
  if ('code' in policy) return policy;
  return evaluatePostPolicy(policy, upload, now);
}
