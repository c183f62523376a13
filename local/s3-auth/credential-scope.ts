import { createHmac } from 'node:crypto';

/**
 * A SigV4 credential, `<access key id>/<yyyymmdd>/<region>/<service>/aws4_request`, as sent in
 * `X-Amz-Credential` (query or POST form) or the `Credential=` part of an `Authorization` header.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
export interface CredentialScope {
  readonly accessKeyId: string;
  /** yyyymmdd, UTC. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** The credential's parts, or undefined when it is not a well-formed SigV4 credential. */
export function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  if (terminator !== 'aws4_request') return undefined;
  return { accessKeyId, date, region, service };
}

/**
 * `X-Amz-Date` (ISO 8601 basic, `yyyymmddThhmmssZ`) as a Date, or undefined when malformed.
 */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(
    Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour ?? 0, minute ?? 0, second ?? 0),
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The SigV4 signing key: HMAC-SHA256 chained over the scope's date, region, service and
 * `aws4_request`, starting from `"AWS4" + secret`.
 */
export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
  const regionKey = hmac(dateKey, scope.region);
  const serviceKey = hmac(regionKey, scope.service);
  return hmac(serviceKey, 'aws4_request');
}

/**
 * The signature of a browser POST: hex HMAC-SHA256 of the base64 policy (exactly as sent) under
 * the signing key. Source: sigv4-UsingHTTPPOST ("Calculating a signature").
 */
export function postPolicySignature(
  base64Policy: string,
  secretAccessKey: string,
  scope: CredentialScope,
): string {
  return createHmac('sha256', signingKey(secretAccessKey, scope))
    .update(base64Policy, 'utf8')
    .digest('hex');
}
