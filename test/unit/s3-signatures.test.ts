import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import {
  parseAmzDate,
  parseCredential,
  postPolicySignature,
} from '../../local/s3-auth/credential-scope.ts';
import { verifyPostUpload } from '../../local/s3-auth/post-upload.ts';
import {
  type SignedRequest,
  verifyHeaderSignedRequest,
  verifyPresignedRequest,
} from '../../local/s3-auth/sigv4-request.ts';

/** The example key pair of the S3 SigV4 documentation, whose worked examples are used below. */
const exampleKey = 'AKIAIOSFODNN7EXAMPLE';
const exampleSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const secretFor = (accessKeyId: string) => (accessKeyId === exampleKey ? exampleSecret : undefined);

describe('postPolicySignature', () => {
  it('signs a policy as the SDK createPresignedPost does', async () => {
    const s3 = new S3Client({
      region: 'eu-west-1',
      credentials: { accessKeyId: exampleKey, secretAccessKey: exampleSecret },
    });
    const form = await createPresignedPost(s3, { Bucket: 'b', Key: 'voice-notes/a.webm' });
    const scope = parseCredential(form.fields['X-Amz-Credential'] ?? '');

    if (!scope) throw new Error('createPresignedPost wrote no SigV4 credential');
    expect(scope).toMatchObject({ accessKeyId: exampleKey, region: 'eu-west-1', service: 's3' });
    expect(postPolicySignature(form.fields.Policy ?? '', exampleSecret, scope)).toBe(
      form.fields['X-Amz-Signature'],
    );
    s3.destroy();
  });
});

describe('parseCredential and parseAmzDate', () => {
  it.each([
    ['AKID/20130524/us-east-1/s3/aws4_request', true],
    ['AKID/20130524/us-east-1/s3', false],
    ['AKID/2013-05-24/us-east-1/s3/aws4_request', false],
    ['AKID/20130524/us-east-1/s3/aws3_request', false],
    ['/20130524/us-east-1/s3/aws4_request', false],
  ])('%s is well-formed: %s', (credential, wellFormed) => {
    expect(parseCredential(credential) !== undefined).toBe(wellFormed);
  });

  it('reads the ISO 8601 basic format only', () => {
    expect(parseAmzDate('20130524T000000Z')?.toISOString()).toBe('2013-05-24T00:00:00.000Z');
    expect(parseAmzDate('2013-05-24T00:00:00Z')).toBeUndefined();
  });
});

describe('verifyPostUpload', () => {
  const now = new Date();
  async function signedFields(): Promise<Record<string, string>> {
    const s3 = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: exampleKey, secretAccessKey: exampleSecret },
    });
    const form = await createPresignedPost(s3, {
      Bucket: 'b',
      Key: 'k',
      Conditions: [['content-length-range', 1, 10]],
      Expires: 60,
    });
    s3.destroy();
    return form.fields;
  }
  const asUpload = (fields: Record<string, string>, fileSize = 5) => ({
    bucket: 'b',
    fields: new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value])),
    fileSize,
  });

  it('passes a form signed for its policy', async () => {
    expect(verifyPostUpload(asUpload(await signedFields()), now, secretFor)).toBeUndefined();
  });

  it.each([
    {
      name: 'a tampered signature',
      change: (fields: Record<string, string>) => ({
        ...fields,
        'X-Amz-Signature': '0'.repeat(64),
      }),
      code: 'SignatureDoesNotMatch',
    },
    {
      name: 'a policy changed after signing',
      change: (fields: Record<string, string>) => ({
        ...fields,
        Policy: Buffer.from(
          Buffer.from(fields.Policy ?? '', 'base64')
            .toString()
            .replace('"content-length-range",1,10', '"content-length-range",1,99999'),
        ).toString('base64'),
      }),
      code: 'SignatureDoesNotMatch',
    },
    {
      name: 'an unknown access key',
      change: (fields: Record<string, string>) => ({
        ...fields,
        'X-Amz-Credential': (fields['X-Amz-Credential'] ?? '').replace(exampleKey, 'AKIAOTHER'),
      }),
      code: 'InvalidAccessKeyId',
    },
    {
      name: 'another algorithm',
      change: (fields: Record<string, string>) => ({
        ...fields,
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA1',
      }),
      code: 'InvalidArgument',
    },
    {
      name: 'no signature',
      change: ({ 'X-Amz-Signature': _, ...fields }: Record<string, string>) => fields,
      code: 'InvalidArgument',
    },
    {
      name: 'no policy (anonymous)',
      change: ({ Policy: _, ...fields }: Record<string, string>) => fields,
      code: 'AccessDenied',
    },
  ])('refuses $name with $code', async ({ change, code }) => {
    expect(verifyPostUpload(asUpload(change(await signedFields())), now, secretFor)).toMatchObject({
      code,
    });
  });

  it('evaluates the policy once the signature holds', async () => {
    expect(verifyPostUpload(asUpload(await signedFields(), 11), now, secretFor)).toMatchObject({
      code: 'EntityTooLarge',
    });
  });
});

/**
 * The worked example of https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html:
 * GET test.txt from examplebucket, signed 2013-05-24T00:00:00Z for 86400 seconds.
 */
const presignedExample = {
  method: 'GET',
  path: '/test.txt',
  rawQuery:
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
  headers: { host: 'examplebucket.s3.amazonaws.com' },
} satisfies SignedRequest;

describe('verifyPresignedRequest', () => {
  const during = new Date('2013-05-24T12:00:00Z');

  it("accepts the documentation's example while it is valid", async () => {
    expect(await verifyPresignedRequest(presignedExample, during, secretFor)).toBeUndefined();
  });

  it.each([
    {
      name: 'another object',
      request: { ...presignedExample, path: '/other.txt' },
      now: during,
      denial: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'another host',
      request: { ...presignedExample, headers: { host: 'otherbucket.s3.amazonaws.com' } },
      now: during,
      denial: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'another method',
      request: { ...presignedExample, method: 'DELETE' },
      now: during,
      denial: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'a longer expiry than signed',
      request: {
        ...presignedExample,
        rawQuery: presignedExample.rawQuery.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604800'),
      },
      now: during,
      denial: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'an added query parameter',
      request: {
        ...presignedExample,
        rawQuery: `${presignedExample.rawQuery}&response-content-type=text%2Fhtml`,
      },
      now: during,
      denial: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'a time past its expiry',
      request: presignedExample,
      now: new Date('2013-05-25T00:00:01Z'),
      denial: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
    },
    {
      name: 'an unknown access key',
      request: { ...presignedExample },
      now: during,
      secretFor: () => undefined,
      denial: { status: 403, code: 'InvalidAccessKeyId' },
    },
    {
      name: 'a missing X-Amz-Expires',
      request: {
        ...presignedExample,
        rawQuery: presignedExample.rawQuery.replace('&X-Amz-Expires=86400', ''),
      },
      now: during,
      denial: { status: 400, code: 'AuthorizationQueryParametersError' },
    },
  ])('refuses $name', async ({ request, now, denial, ...rest }) => {
    const secrets = 'secretFor' in rest && rest.secretFor ? rest.secretFor : secretFor;
    expect(await verifyPresignedRequest(request, now, secrets)).toMatchObject(denial);
  });
});

/**
 * The GET example of sigv4-auth-using-authorization-header ("Example: GET Object"): the first
 * ten bytes of test.txt, signed 2013-05-24T00:00:00Z.
 */
const headerExample = {
  method: 'GET',
  path: '/test.txt',
  rawQuery: '',
  headers: {
    host: 'examplebucket.s3.amazonaws.com',
    range: 'bytes=0-9',
    'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-amz-date': '20130524T000000Z',
    'user-agent': 'not signed',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  },
} satisfies SignedRequest;

describe('verifyHeaderSignedRequest', () => {
  const at = new Date('2013-05-24T00:05:00Z');

  it("accepts the documentation's example, unsigned headers ignored", async () => {
    expect(await verifyHeaderSignedRequest(headerExample, at, secretFor)).toBeUndefined();
  });

  it.each([
    {
      name: 'a changed signed header',
      request: { ...headerExample, headers: { ...headerExample.headers, range: 'bytes=0-99' } },
      now: at,
      code: 'SignatureDoesNotMatch',
    },
    {
      name: 'another path',
      request: { ...headerExample, path: '/secret.txt' },
      now: at,
      code: 'SignatureDoesNotMatch',
    },
    {
      name: 'a clock 16 minutes away',
      request: headerExample,
      now: new Date('2013-05-24T00:16:01Z'),
      code: 'RequestTimeTooSkewed',
    },
    {
      name: 'a malformed Authorization header',
      request: {
        ...headerExample,
        headers: { ...headerExample.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' },
      },
      now: at,
      code: 'AuthorizationHeaderMalformed',
    },
  ])('refuses $name with $code', async ({ request, now, code }) => {
    expect(await verifyHeaderSignedRequest(request, now, secretFor)).toMatchObject({ code });
  });
});
