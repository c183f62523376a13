import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Faults } from '../../local/s3-faults-client.ts';
import { startS3Local } from '../../local/s3-local.ts';

const bucket = 'callsanta-test-voice-notes';
const port = 47_900 + Math.floor(Math.random() * 90);
const endpoint = `http://127.0.0.1:${port}`;
const siteOrigin = 'http://127.0.0.1:1';

function client(secretAccessKey = 'S3RVER', accessKeyId = 'S3RVER'): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

/** A form like the voice-note handler's: exact key, exact content type, 1 B – 1 KB. */
async function voiceNoteForm(key: string, expires = 600) {
  return createPresignedPost(client(), {
    Bucket: bucket,
    Key: key,
    Conditions: [
      ['content-length-range', 1, 1024],
      ['eq', '$Content-Type', 'audio/webm'],
    ],
    Fields: { 'Content-Type': 'audio/webm' },
    Expires: expires,
  });
}

/** Uploads as the site does: the form's fields in order, then the file. */
async function upload(
  url: string,
  fields: Record<string, string>,
  file: Blob,
  origin?: string,
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file);
  return fetch(url, { method: 'POST', body, headers: origin ? { origin } : {} });
}

function errorOf(xml: string): { code: string | undefined; message: string | undefined } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(xml)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(xml)?.[1]?.replaceAll('&quot;', '"'),
  };
}

const audio = (bytes: number) => new Blob([new Uint8Array(bytes).fill(7)], { type: 'audio/webm' });

describe('the local S3 enforces authentication as S3 does', () => {
  let server: S3rver;
  let dataDir: string;
  const s3 = client();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'callsanta-s3-auth-'));
    server = await startS3Local(port, join(dataDir, 's3'), [bucket], siteOrigin);
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'recordings/a b+ä.mp3', Body: 'audio!' }),
    );
  });

  afterAll(async () => {
    s3.destroy();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('browser POST uploads', () => {
    it('stores an upload that meets its presigned policy, with its content type', async () => {
      const form = await voiceNoteForm('voice-notes/ok.webm');

      const response = await upload(form.url, form.fields, audio(100));

      expect(response.status).toBe(204);
      const stored = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'voice-notes/ok.webm' }),
      );
      expect(stored.ContentType).toBe('audio/webm');
      expect((await stored.Body?.transformToByteArray())?.length).toBe(100);
    });

    it.each([
      {
        name: 'another content type',
        change: (fields: Record<string, string>) => ({ ...fields, 'Content-Type': 'text/html' }),
        bytes: 100,
        status: 403,
        code: 'AccessDenied',
        message:
          'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "audio/webm"]',
      },
      {
        name: 'another key',
        change: (fields: Record<string, string>) => ({ ...fields, key: 'voice-notes/other.webm' }),
        bytes: 100,
        status: 403,
        code: 'AccessDenied',
        message:
          'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "voice-notes/denied.webm"]',
      },
      {
        name: 'a field the policy does not cover',
        change: (fields: Record<string, string>) => ({ ...fields, 'x-amz-meta-owner': 'me' }),
        bytes: 100,
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
      },
      {
        name: 'a file larger than the range',
        change: (fields: Record<string, string>) => fields,
        bytes: 1025,
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
      },
      {
        name: 'an empty file',
        change: (fields: Record<string, string>) => fields,
        bytes: 0,
        status: 400,
        code: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed size',
      },
      {
        name: 'a tampered signature',
        change: (fields: Record<string, string>) => ({
          ...fields,
          'X-Amz-Signature': `${(fields['X-Amz-Signature'] ?? '').slice(0, -1)}${fields['X-Amz-Signature']?.endsWith('0') ? '1' : '0'}`,
        }),
        bytes: 100,
        status: 403,
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      },
      {
        name: 'no policy at all (anonymous)',
        change: (fields: Record<string, string>) => ({ key: fields.key ?? '' }),
        bytes: 100,
        status: 403,
        code: 'AccessDenied',
        message: 'Access Denied',
      },
    ])(
      'refuses $name with $code and stores nothing',
      async ({ change, bytes, status, code, message }) => {
        const form = await voiceNoteForm('voice-notes/denied.webm');

        const response = await upload(form.url, change(form.fields), audio(bytes), siteOrigin);

        expect(response.status).toBe(status);
        expect(errorOf(await response.text())).toEqual({ code, message });
        // The browser may read the refusal: S3 answers it with the bucket's CORS headers.
        expect(response.headers.get('access-control-allow-origin')).toBe(siteOrigin);
        await expect(
          s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'voice-notes/denied.webm' })),
        ).rejects.toMatchObject({ name: 'NoSuchKey' });
      },
    );

    it.each([
      { name: 'a second key', extra: [['key', 'voice-notes/victim.webm']] },
      { name: 'a second key spelt in capitals', extra: [['KEY', 'voice-notes/victim.webm']] },
      { name: 'a second content type', extra: [['Content-Type', 'text/html']] },
      { name: 'a field spelt File before the file', extra: [['File', 'x']] },
    ])(
      'refuses a form that repeats a field ($name): S3 stores only what its policy saw',
      async ({ extra }) => {
        // Prepare: the victim's note is in place; the attacker holds a valid form for its own key.
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: 'voice-notes/victim.webm', Body: 'victim' }),
        );
        const form = await voiceNoteForm('voice-notes/attacker.webm');
        const body = new FormData();
        for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
        for (const [name, value] of extra) body.append(name as string, value as string);
        body.append('file', audio(100));

        // Act
        const response = await fetch(form.url, { method: 'POST', body });

        // Assess: refused, and neither the victim's note nor the attacker's key was written.
        expect(response.status).toBe(400);
        expect(errorOf(await response.text()).code).toBe('InvalidArgument');
        const victim = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: 'voice-notes/victim.webm' }),
        );
        expect(await victim.Body?.transformToString()).toBe('victim');
        await expect(
          s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'voice-notes/attacker.webm' })),
        ).rejects.toMatchObject({ name: 'NoSuchKey' });
      },
    );

    it('ignores fields after the file, as S3 does: a content type sent after it is not seen', async () => {
      const form = await voiceNoteForm('voice-notes/late-type.webm');
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) {
        if (name !== 'Content-Type') body.append(name, value);
      }
      body.append('file', audio(100));
      body.append('Content-Type', 'audio/webm');

      const response = await fetch(form.url, { method: 'POST', body });

      expect(response.status).toBe(403);
      expect(errorOf(await response.text()).message).toBe(
        'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "audio/webm"]',
      );
    });

    it('refuses a policy past its expiration', async () => {
      const form = await voiceNoteForm('voice-notes/late.webm', -1);

      const response = await upload(form.url, form.fields, audio(100));

      expect(response.status).toBe(403);
      expect(errorOf(await response.text())).toEqual({
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy expired.',
      });
    });

    it('refuses a form signed with a key it does not know', async () => {
      const form = await createPresignedPost(client('x', 'AKIAUNKNOWN'), {
        Bucket: bucket,
        Key: 'voice-notes/stranger.webm',
      });

      const response = await upload(form.url, form.fields, audio(10));

      expect(response.status).toBe(403);
      expect(errorOf(await response.text()).code).toBe('InvalidAccessKeyId');
    });
  });

  describe('presigned links', () => {
    const get = (expiresIn: number, signingDate?: Date) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'recordings/a b+ä.mp3' }), {
        expiresIn,
        ...(signingDate ? { signingDate } : {}),
      });

    it('serves a presigned GET, also with a response header override', async () => {
      const plain = await fetch(await get(60));
      const download = await fetch(
        await getSignedUrl(
          s3,
          new GetObjectCommand({
            Bucket: bucket,
            Key: 'recordings/a b+ä.mp3',
            ResponseContentDisposition: 'attachment; filename="Santa call.mp3"',
          }),
          { expiresIn: 60 },
        ),
      );

      expect(plain.status).toBe(200);
      expect(await plain.text()).toBe('audio!');
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toBe(
        'attachment; filename="Santa call.mp3"',
      );
    });

    it('refuses a presigned GET whose signature or key was changed', async () => {
      const url = new URL(await get(60));
      const signature = url.searchParams.get('X-Amz-Signature') ?? '';
      const tampered = new URL(url);
      tampered.searchParams.set(
        'X-Amz-Signature',
        signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      );
      const otherKey = new URL(url);
      otherKey.pathname = `/${bucket}/voice-notes/ok.webm`;

      for (const link of [tampered, otherKey]) {
        const response = await fetch(link);
        expect(response.status).toBe(403);
        expect(errorOf(await response.text()).code).toBe('SignatureDoesNotMatch');
      }
    });

    it.each([
      'X-Amz-Expires=604800',
      'X-Amz-Date=20991231T000000Z',
      'X-Amz-Signature=00',
      'X-Amz-Credential=S3RVER%2F20991231%2Fus-east-1%2Fs3%2Faws4_request',
    ])('refuses a presigned GET that repeats an authentication parameter (%s)', async (extra) => {
      // The signer rewrites these while checking, so a second, unsigned value went unnoticed.
      const link = `${await get(60)}&${extra}`;

      const response = await fetch(link);

      expect(response.status).toBe(400);
      expect(errorOf(await response.text()).code).toBe('AuthorizationQueryParametersError');
    });

    it('refuses a presigned GET past its expiry', async () => {
      const response = await fetch(await get(60, new Date(Date.now() - 61_000)));

      expect(response.status).toBe(403);
      expect(errorOf(await response.text())).toEqual({
        code: 'AccessDenied',
        message: 'Request has expired',
      });
    });

    it('accepts a presigned PUT and refuses it once it is tampered with', async () => {
      const url = await getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: bucket, Key: 'recordings/put.txt' }),
        { expiresIn: 60 },
      );

      const stored = await fetch(url, { method: 'PUT', body: 'put!' });
      const elsewhere = await fetch(url.replace('recordings/put.txt', 'recordings/other.txt'), {
        method: 'PUT',
        body: 'put!',
      });

      expect(stored.status).toBe(200);
      expect(elsewhere.status).toBe(403);
    });
  });

  describe('unsigned and header-signed requests', () => {
    it('refuses an anonymous GET or HEAD of a private object', async () => {
      const response = await fetch(`${endpoint}/${bucket}/voice-notes/ok.webm`);
      const head = await fetch(`${endpoint}/${bucket}/voice-notes/ok.webm`, { method: 'HEAD' });

      expect(response.status).toBe(403);
      expect(errorOf(await response.text())).toEqual({
        code: 'AccessDenied',
        message: 'Access Denied',
      });
      expect(head.status).toBe(403);
    });

    it('serves the SDK signed with the local key pair, keys with spaces and non-ASCII included', async () => {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'recordings/a b+ä.mp3' }),
      );

      expect(await object.Body?.transformToString()).toBe('audio!');
    });

    it('refuses the SDK signed with a wrong secret or an unknown key', async () => {
      const wrongSecret = client('not-the-secret');
      const unknownKey = client('S3RVER', 'AKIAUNKNOWN');

      await expect(
        wrongSecret.send(new GetObjectCommand({ Bucket: bucket, Key: 'recordings/a b+ä.mp3' })),
      ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
      await expect(
        unknownKey.send(new GetObjectCommand({ Bucket: bucket, Key: 'recordings/a b+ä.mp3' })),
      ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
      wrongSecret.destroy();
      unknownKey.destroy();
    });

    it('still answers a queued fault before checking the request', async () => {
      const faults = s3Faults(endpoint);
      await faults.inject({ fault: { kind: 'slow-down' }, match: { method: 'GET' } });

      const response = await fetch(`${endpoint}/${bucket}/voice-notes/ok.webm`);

      expect(response.status).toBe(503);
      await faults.clear();
    });
  });
});
