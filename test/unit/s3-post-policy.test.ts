import { describe, expect, it } from 'vitest';
import {
  decodePostPolicy,
  evaluatePostPolicy,
  type PostPolicy,
  type PostUpload,
} from '../../local/s3-auth/post-policy.ts';

const now = new Date('2026-12-24T17:00:00.000Z');
const future = '2026-12-24T17:10:00.000Z';

const baseFields: Record<string, string> = {
  key: 'voice-notes/01.webm',
  'content-type': 'audio/webm',
  'x-amz-algorithm': 'AWS4-HMAC-SHA256',
  'x-amz-credential': 'S3RVER/20261224/us-east-1/s3/aws4_request',
  'x-amz-date': '20261224T170000Z',
  policy: 'cG9saWN5',
  'x-amz-signature': 'abc',
};

/** Conditions that cover the base fields, as createPresignedPost writes them. */
const signingConditions: PostPolicy['conditions'] = [
  { bucket: 'voice-notes-bucket' },
  { key: 'voice-notes/01.webm' },
  { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
  { 'X-Amz-Credential': 'S3RVER/20261224/us-east-1/s3/aws4_request' },
  { 'X-Amz-Date': '20261224T170000Z' },
];

function upload(fields: Record<string, string> = {}, fileSize = 100): PostUpload {
  return {
    bucket: 'voice-notes-bucket',
    fields: new Map(Object.entries({ ...baseFields, ...fields })),
    fileSize,
  };
}

function policy(...conditions: PostPolicy['conditions']): PostPolicy {
  return {
    expiration: future,
    conditions: [...signingConditions, ['eq', '$Content-Type', 'audio/webm'], ...conditions],
  };
}

const denied = (message: string) => ({
  status: 403,
  code: 'AccessDenied',
  message: `Invalid according to Policy: ${message}`,
});

describe('evaluatePostPolicy', () => {
  it.each([
    { name: 'every condition met', policy: policy(), upload: upload(), denial: undefined },
    {
      name: 'exact match {"key"} on another key',
      policy: policy(),
      upload: upload({ key: 'voice-notes/02.webm' }),
      denial: denied('Policy Condition failed: ["eq", "$key", "voice-notes/01.webm"]'),
    },
    {
      name: 'exact match {"bucket"} on another bucket',
      policy: policy(),
      upload: { ...upload(), bucket: 'recordings-bucket' },
      denial: denied('Policy Condition failed: ["eq", "$bucket", "voice-notes-bucket"]'),
    },
    {
      name: 'eq on another content type',
      policy: policy(),
      upload: upload({ 'content-type': 'text/html' }),
      denial: denied('Policy Condition failed: ["eq", "$Content-Type", "audio/webm"]'),
    },
    {
      name: 'eq on a field the form lacks',
      policy: policy(['eq', '$x-amz-meta-draft', 'd1']),
      upload: upload(),
      denial: denied('Policy Condition failed: ["eq", "$x-amz-meta-draft", "d1"]'),
    },
    {
      name: 'starts-with on a matching prefix',
      policy: policy(['starts-with', '$x-amz-meta-draft', 'draft-']),
      upload: upload({ 'x-amz-meta-draft': 'draft-1' }),
      denial: undefined,
    },
    {
      name: 'starts-with on another prefix',
      policy: policy(['starts-with', '$x-amz-meta-draft', 'draft-']),
      upload: upload({ 'x-amz-meta-draft': 'other-1' }),
      denial: denied('Policy Condition failed: ["starts-with", "$x-amz-meta-draft", "draft-"]'),
    },
    {
      name: 'starts-with "" (any value)',
      policy: policy(['starts-with', '$x-amz-meta-draft', '']),
      upload: upload({ 'x-amz-meta-draft': 'anything' }),
      denial: undefined,
    },
    {
      name: 'starts-with "" on a field the form lacks',
      policy: policy(['starts-with', '$x-amz-meta-draft', '']),
      upload: upload(),
      denial: denied('Policy Condition failed: ["starts-with", "$x-amz-meta-draft", ""]'),
    },
    {
      name: 'starts-with on each entry of a Content-Type list',
      policy: {
        expiration: future,
        conditions: [...signingConditions, ['starts-with', '$Content-Type', 'audio/']],
      },
      upload: upload({ 'content-type': 'audio/webm, audio/ogg' }),
      denial: undefined,
    },
    {
      name: 'a field no condition covers',
      policy: policy(),
      upload: upload({ 'x-amz-meta-owner': 'me', acl: 'public-read' }),
      denial: denied('Extra input fields: x-amz-meta-owner, acl'),
    },
    {
      name: 'x-ignore- fields, which need no condition',
      policy: policy(),
      upload: upload({ 'x-ignore-tracking': '1' }),
      denial: undefined,
    },
    {
      name: 'a file inside content-length-range',
      policy: policy(['content-length-range', 1, 1024]),
      upload: upload({}, 1024),
      denial: undefined,
    },
    {
      name: 'a file above content-length-range',
      policy: policy(['content-length-range', 1, 1024]),
      upload: upload({}, 1025),
      denial: {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
        details: { ProposedSize: '1025', MaxSizeAllowed: '1024' },
      },
    },
    {
      name: 'a file below content-length-range',
      policy: policy(['content-length-range', 1, 1024]),
      upload: upload({}, 0),
      denial: {
        status: 400,
        code: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed size',
        details: { ProposedSize: '0', MinSizeAllowed: '1' },
      },
    },
    {
      name: 'an expired policy',
      policy: { ...policy(), expiration: '2026-12-24T16:59:59.999Z' },
      upload: upload(),
      denial: denied('Policy expired.'),
    },
    {
      name: 'an unreadable expiration',
      policy: { ...policy(), expiration: 'soon' },
      upload: upload(),
      denial: {
        status: 400,
        code: 'InvalidPolicyDocument',
        message: "Invalid Policy: Invalid 'expiration' value: 'soon'",
      },
    },
  ] satisfies { name: string; policy: PostPolicy; upload: PostUpload; denial: unknown }[])(
    '$name',
    ({ policy, upload, denial }) => {
      expect(evaluatePostPolicy(policy, upload, now)).toEqual(denial);
    },
  );

  it('matches condition field names case-insensitively', () => {
    const denial = evaluatePostPolicy(
      policy(['eq', '$X-AMZ-META-Draft', 'd1']),
      upload({ 'x-amz-meta-draft': 'd1' }),
      now,
    );

    expect(denial).toBeUndefined();
  });
});

describe('decodePostPolicy', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

  it('reads the policy createPresignedPost writes, size bounds as numbers or strings', () => {
    const decoded = decodePostPolicy(
      encode({
        expiration: future,
        conditions: [{ bucket: 'b' }, ['content-length-range', '1', 10], ['eq', '$key', 'k']],
      }),
    );

    expect(decoded).toEqual({
      expiration: future,
      conditions: [{ bucket: 'b' }, ['content-length-range', 1, 10], ['eq', '$key', 'k']],
    });
  });

  it.each([
    { name: 'not JSON', policy: Buffer.from('{nope').toString('base64') },
    { name: 'no conditions', policy: encode({ expiration: future }) },
    {
      name: 'an unknown operator',
      policy: encode({ expiration: future, conditions: [['in', '$key', 'k']] }),
    },
    {
      name: 'a field without $',
      policy: encode({ expiration: future, conditions: [['eq', 'key', 'k']] }),
    },
    {
      name: 'a two-field exact match',
      policy: encode({ expiration: future, conditions: [{ a: '1', b: '2' }] }),
    },
  ])('refuses a policy with $name as InvalidPolicyDocument', ({ policy: base64 }) => {
    expect(decodePostPolicy(base64)).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' });
  });
});
