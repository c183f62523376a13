import {
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  MessageRejected,
  SESv2Client,
  SESv2ServiceException,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceNoteUpload } from '../../functions/schemas/api/voice-note-upload.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localResourceNames, localUrl } from '../../local/config.ts';
import { type S3Faults, s3Faults } from '../../local/s3-faults-client.ts';
import { type SesFaults, sesFaults } from '../../local/ses/faults-client.ts';
import { startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;
let sesControl: SesFaults;
let s3Control: S3Faults;

beforeAll(async () => {
  cloud = await startTestCloud();
  sesControl = sesFaults(localUrl(cloud.config.ports.ses));
  s3Control = s3Faults(localUrl(cloud.config.ports.s3));
});

afterEach(async () => {
  await sesControl.clear();
  await s3Control.clear();
});

afterAll(async () => {
  await cloud?.stop();
});

/** What a rejected SDK call threw; fails the test when it did not throw. */
async function thrown(sending: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const error = await sending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Error)) throw new Error('The call succeeded; a fault was expected.');
  return error as Error & Record<string, unknown>;
}

describe('SES v2 stand-in faults', () => {
  let sent = 0;
  /** A subject no other test uses, to find the message (or its absence) in the outbox. */
  const uniqueSubject = (label: string) => `${label} #${++sent}`;
  const email = (subject: string, to = 'parent@example.com') =>
    new SendEmailCommand({
      FromEmailAddress: 'santa@callsanta.local',
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'Ho ho ho' } } } },
    });
  const outboxCount = async (subject: string) => {
    const messages = (await fetch(`${cloud.apiUrl}/_local/outbox?format=json`).then((r) =>
      r.json(),
    )) as { subject: string }[];
    return messages.filter((message) => message.subject === subject).length;
  };
  const noRetries = () => new SESv2Client({ maxAttempts: 1 });

  it.each([
    ['internal-failure', 'InternalFailure', 500, 'server'],
    ['service-unavailable', 'ServiceUnavailable', 503, 'server'],
    ['throttled', 'TooManyRequestsException', 429, 'client'],
    ['message-rejected', 'MessageRejected', 400, 'client'],
  ] as const)(
    '%s: the SDK throws %s (HTTP %i, $fault %s), the outbox stays untouched, the next send goes',
    async (kind, name, status, fault) => {
      const subject = uniqueSubject(kind);
      await sesControl.inject({ fault: { kind } });

      const error = await thrown(noRetries().send(email(subject)));
      const countAfterFailure = await outboxCount(subject);
      const retried = await noRetries().send(email(subject));

      expect(error).toBeInstanceOf(SESv2ServiceException);
      expect(error).toMatchObject({ name, $fault: fault, $metadata: { httpStatusCode: status } });
      expect(countAfterFailure).toBe(0);
      expect(retried.MessageId).toMatch(/\S+/);
      expect(await outboxCount(subject)).toBe(1);
      expect(await sesControl.queued()).toEqual([]);
    },
  );

  it('gives the modelled exception classes for throttling and a rejected message', async () => {
    await sesControl.inject({ fault: { kind: 'throttled' } });
    await sesControl.inject({ fault: { kind: 'message-rejected' } });

    const throttled = await thrown(noRetries().send(email(uniqueSubject('classes'))));
    const rejected = await thrown(noRetries().send(email(uniqueSubject('classes'))));

    expect(throttled).toBeInstanceOf(TooManyRequestsException);
    expect(rejected).toBeInstanceOf(MessageRejected);
  });

  it.each(['internal-failure', 'service-unavailable', 'throttled'] as const)(
    '%s is retried by the SDK standard retry strategy, as for AWS: sent once on the second attempt',
    async (kind) => {
      const subject = uniqueSubject(`retry ${kind}`);
      await sesControl.inject({ fault: { kind } });

      const result = await new SESv2Client({}).send(email(subject));

      expect(result.$metadata.attempts).toBe(2);
      expect(await outboxCount(subject)).toBe(1);
    },
  );

  it('message-rejected is not retried by the SDK', async () => {
    const subject = uniqueSubject('not retried');
    await sesControl.inject({ fault: { kind: 'message-rejected' } });

    const error = await thrown(new SESv2Client({}).send(email(subject)));

    expect(error).toMatchObject({ name: 'MessageRejected', $metadata: { attempts: 1 } });
    expect(await outboxCount(subject)).toBe(0);
  });

  it('uses a fault up after `times` sends, counting down what is queued', async () => {
    const subject = uniqueSubject('counted');
    const queued = await sesControl.inject({ fault: { kind: 'service-unavailable' }, times: 2 });

    const first = await thrown(noRetries().send(email(subject)));
    const afterFirst = await sesControl.queued();
    const second = await thrown(noRetries().send(email(subject)));
    const third = await noRetries().send(email(subject));

    expect(queued).toEqual({
      id: expect.stringMatching(/^fault_\d+$/),
      fault: { kind: 'service-unavailable' },
      match: {},
      remaining: 2,
    });
    expect(first.name).toBe('ServiceUnavailable');
    expect(afterFirst).toEqual([{ ...queued, remaining: 1 }]);
    expect(second.name).toBe('ServiceUnavailable');
    expect(third.MessageId).toMatch(/\S+/);
    expect(await sesControl.queued()).toEqual([]);
    expect(await outboxCount(subject)).toBe(1);
  });

  it('fails only the sends that match the recipient and the subject', async () => {
    await sesControl.inject({
      fault: { kind: 'internal-failure' },
      match: { recipient: 'grandma@example.com' },
    });
    await sesControl.inject({
      fault: { kind: 'message-rejected' },
      match: { subjectContains: 'Receipt' },
    });
    const toParent = uniqueSubject('other parent');
    const toGrandma = uniqueSubject('grandma');
    const receipt = uniqueSubject('Receipt for your call');
    const lowercase = uniqueSubject('receipt, lowercase');

    const otherRecipient = await noRetries().send(email(toParent));
    const otherSubject = await noRetries().send(email(lowercase));
    const grandma = await thrown(
      noRetries().send(email(toGrandma, 'Grandma <GRANDMA@example.com>')),
    );
    const rejected = await thrown(noRetries().send(email(receipt)));

    expect(otherRecipient.MessageId).toMatch(/\S+/);
    expect(otherSubject.MessageId).toMatch(/\S+/);
    expect(grandma.name).toBe('InternalFailure');
    expect(rejected.name).toBe('MessageRejected');
    expect(await outboxCount(toGrandma)).toBe(0);
    expect(await outboxCount(receipt)).toBe(0);
    expect(await sesControl.queued()).toEqual([]);
  });

  it('hangs past the client timeout without sending, then the next send goes', async () => {
    const subject = uniqueSubject('hang');
    await sesControl.inject({ fault: { kind: 'hang' } });
    const impatient = new SESv2Client({
      maxAttempts: 1,
      requestHandler: { requestTimeout: 400, throwOnRequestTimeout: true },
    });

    const startedAt = Date.now();
    const error = await thrown(impatient.send(email(subject)));
    const waitedMs = Date.now() - startedAt;
    const next = await impatient.send(email(subject));

    expect(error.name).toBe('TimeoutError');
    expect(waitedMs).toBeGreaterThanOrEqual(350);
    expect(next.MessageId).toMatch(/\S+/);
    expect(await outboxCount(subject)).toBe(1);
  });

  it('drops the connection once hangMs passes: the SDK retries the reset and sends once', async () => {
    const subject = uniqueSubject('dropped');
    await sesControl.inject({ fault: { kind: 'hang', hangMs: 300 } });

    const dropped = await thrown(noRetries().send(email(subject)));
    await sesControl.inject({ fault: { kind: 'hang', hangMs: 300 } });
    const retried = await new SESv2Client({}).send(email(subject));

    expect(dropped).toMatchObject({ code: 'ECONNRESET' });
    expect(retried.$metadata.attempts).toBe(2);
    expect(await outboxCount(subject)).toBe(1);
  });

  it('refuses an unknown fault kind with a 400 and queues nothing', async () => {
    const injecting = sesControl.inject({ fault: { kind: 'bounce' as 'throttled' } });

    await expect(injecting).rejects.toThrow(/answered 400/);
    expect(await sesControl.queued()).toEqual([]);
  });
});

describe('S3 (s3rver) faults', () => {
  const bucket: string = localResourceNames.buckets.recordings;
  const noRetries = () => new S3Client({ forcePathStyle: true, maxAttempts: 1 });
  const put = (client: S3Client, key: string, text = 'audio', into = bucket) =>
    client.send(new PutObjectCommand({ Bucket: into, Key: key, Body: Buffer.from(text) }));
  const read = async (client: S3Client, key: string, from = bucket) => {
    const object = await client.send(new GetObjectCommand({ Bucket: from, Key: key }));
    return object.Body?.transformToString();
  };

  it.each([
    ['internal-error', 'InternalError', 500],
    ['slow-down', 'SlowDown', 503],
  ] as const)(
    '%s: the SDK throws %s (HTTP %i, $fault server) and nothing is stored',
    async (kind, name, status) => {
      const key = `calls/${kind}.mp3`;
      await s3Control.inject({ fault: { kind }, match: { method: 'PUT' } });

      const error = await thrown(put(noRetries(), key, 'first'));
      const afterFailure = await thrown(read(noRetries(), key));
      await put(noRetries(), key, 'second');

      expect(error).toBeInstanceOf(S3ServiceException);
      expect(error).toMatchObject({
        name,
        $fault: 'server',
        $metadata: { httpStatusCode: status, requestId: expect.stringMatching(/^[0-9A-F]{16}$/) },
      });
      expect(afterFailure.name).toBe('NoSuchKey');
      expect(await read(noRetries(), key)).toBe('second');
    },
  );

  it('is retried by the SDK as for AWS: one SlowDown costs an attempt, three exhaust them', async () => {
    const retrying = new S3Client({ forcePathStyle: true });
    await s3Control.inject({ fault: { kind: 'slow-down' }, match: { method: 'PUT' } });

    const once = await put(retrying, 'calls/retried.mp3');
    await s3Control.inject({
      fault: { kind: 'internal-error' },
      times: 3,
      match: { method: 'PUT' },
    });
    const exhausted = await thrown(put(retrying, 'calls/exhausted.mp3'));

    expect(once.$metadata.attempts).toBe(2);
    expect(exhausted).toMatchObject({ name: 'InternalError', $metadata: { attempts: 3 } });
    expect(await s3Control.queued()).toEqual([]);
  });

  it('fails only the requests that match method, bucket and key prefix, `times` of them', async () => {
    const client = noRetries();
    await put(client, 'calls/a.mp3', 'recording');
    await put(client, 'other/a.mp3', 'other');
    await s3Control.inject({
      fault: { kind: 'internal-error' },
      times: 2,
      match: { method: 'GET', bucket, keyPrefix: 'calls/' },
    });

    const putAllowed = await put(client, 'calls/b.mp3');
    const otherPrefix = await read(client, 'other/a.mp3');
    const otherBucket = await thrown(
      read(client, 'calls/a.mp3', localResourceNames.buckets.videos),
    );
    const first = await thrown(read(client, 'calls/a.mp3'));
    const second = await thrown(read(client, 'calls/b.mp3'));
    const third = await read(client, 'calls/a.mp3');

    expect(putAllowed.ETag).toBeDefined();
    expect(otherPrefix).toBe('other');
    expect(otherBucket.name).toBe('NoSuchKey');
    expect([first.name, second.name]).toEqual(['InternalError', 'InternalError']);
    expect(third).toBe('recording');
  });

  it('hangs past the client timeout, then the next request is answered', async () => {
    await put(noRetries(), 'calls/hang.mp3', 'kept');
    await s3Control.inject({ fault: { kind: 'hang' }, match: { method: 'GET' } });
    const impatient = new S3Client({
      forcePathStyle: true,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 400, throwOnRequestTimeout: true },
    });

    const error = await thrown(read(impatient, 'calls/hang.mp3'));
    const next = await read(impatient, 'calls/hang.mp3');

    expect(error.name).toBe('TimeoutError');
    expect(next).toBe('kept');
  });

  describe('a browser upload with the presigned POST form', () => {
    const voiceNotes = localResourceNames.buckets.voiceNotes;
    /** Gets a presigned form from the API and posts a voice note with it, as the site does. */
    const uploadVoiceNote = async () => {
      const upload = await fetch(`${cloud.apiUrl}/api/voice-notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contentType: 'audio/webm', sizeBytes: 5 }),
      });
      const { uploadUrl, fields, key } = (await upload.json()) as VoiceNoteUpload;
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([Buffer.from('voice')], { type: 'audio/webm' }));
      const response = await fetch(uploadUrl, {
        method: 'POST',
        body: form,
        headers: { origin: cloud.apiUrl },
      });
      return { response, key, body: await response.text() };
    };

    it('works with no fault queued, with the CORS headers the bucket rule gives', async () => {
      const { response, key } = await uploadVoiceNote();

      expect(response.status).toBeLessThan(300);
      expect(response.headers.get('access-control-allow-origin')).toBe(cloud.apiUrl);
      expect(await read(noRetries(), key, voiceNotes)).toBe('voice');
    });

    it('answers a faulted upload with S3 XML and CORS headers; preflights are never faulted', async () => {
      await s3Control.inject({ fault: { kind: 'slow-down' }, match: { bucket: voiceNotes } });

      const preflight = await fetch(`${localUrl(cloud.config.ports.s3)}/${voiceNotes}`, {
        method: 'OPTIONS',
        headers: { origin: cloud.apiUrl, 'access-control-request-method': 'POST' },
      });
      const queuedAfterPreflight = await s3Control.queued();
      const faulted = await uploadVoiceNote();
      const retried = await uploadVoiceNote();

      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(queuedAfterPreflight).toHaveLength(1);
      expect(faulted.response.status).toBe(503);
      expect(faulted.response.headers.get('access-control-allow-origin')).toBe(cloud.apiUrl);
      expect(faulted.body).toContain('<Code>SlowDown</Code>');
      expect(await thrown(read(noRetries(), faulted.key, voiceNotes))).toMatchObject({
        name: 'NoSuchKey',
      });
      expect(retried.response.status).toBeLessThan(300);
    });
  });

  it('keeps the control path out of S3: it is no bucket, and an invalid fault is refused', async () => {
    const buckets = await noRetries().send(new ListBucketsCommand({}));
    const injecting = s3Control.inject({
      fault: { kind: 'slow-down' },
      match: { method: 'OPTIONS' as 'GET' },
    });

    expect(buckets.Buckets?.map((b) => b.Name)).not.toContain('_local');
    await expect(injecting).rejects.toThrow(/answered 400/);
    expect(await s3Control.queued()).toEqual([]);
  });
});
