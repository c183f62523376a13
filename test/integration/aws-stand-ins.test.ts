import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/data/table-definition.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.stop();
});

describe('DynamoDB Local', () => {
  it('holds the table built from the shared definition, with every index and TTL', async () => {
    const client = new DynamoDBClient({});

    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: localResourceNames.table }),
    );
    const ttl = await client.send(
      new DescribeTimeToLiveCommand({ TableName: localResourceNames.table }),
    );

    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDefinition.timeToLiveAttribute);
  });

  it('answers a query on a secondary index with the item written through the SDK', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await documents.send(
      new PutCommand({
        TableName: localResourceNames.table,
        Item: {
          pk: 'BOOKING#b-1',
          sk: 'BOOKING',
          callStatus: 'queued',
          scheduledAt: '2026-12-24T23:00:00Z',
          childName: 'never projected',
        },
      }),
    );

    const { Items } = await documents.send(
      new QueryCommand({
        TableName: localResourceNames.table,
        IndexName: 'byCallStatus',
        KeyConditionExpression: 'callStatus = :status',
        ExpressionAttributeValues: { ':status': 'queued' },
      }),
    );

    // The index holds only what the reconciler reads: never the child's name.
    expect(Items).toEqual([
      {
        pk: 'BOOKING#b-1',
        sk: 'BOOKING',
        callStatus: 'queued',
        scheduledAt: '2026-12-24T23:00:00Z',
      },
    ]);
  });
});

describe('S3 (s3rver)', () => {
  it.each(Object.values(localResourceNames.buckets))(
    'stores and returns an object byte for byte in %s',
    async (bucket) => {
      const s3 = new S3Client({ forcePathStyle: true });
      const audio = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));

      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'notes/a.mp3',
          Body: audio,
          ContentType: 'audio/mpeg',
        }),
      );
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'notes/a.mp3' }));

      expect(Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()))).toEqual(
        audio,
      );
      expect(object.ContentType).toBe('audio/mpeg');
    },
  );
});

describe('SES v2 stand-in', () => {
  it('puts a sent email in the outbox, newest last, as JSON and as a page', async () => {
    const ses = new SESv2Client({});
    const send = (subject: string) =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'santa@callsanta.local',
          Destination: { ToAddresses: ['parent@example.com'] },
          Content: {
            Simple: {
              Subject: { Data: subject },
              Body: { Text: { Data: `Text of ${subject}` }, Html: { Data: `<p>${subject}</p>` } },
            },
          },
        }),
      );

    const first = await send('First <email>');
    await send('Second email');
    const json = await fetch(`${cloud.apiUrl}/_local/outbox?format=json`).then((r) => r.json());
    const page = await fetch(`${cloud.apiUrl}/_local/outbox`).then((r) => r.text());

    expect(first.MessageId).toMatch(/\S+/);
    expect(json.slice(-2)).toEqual([
      {
        to: 'parent@example.com',
        from: 'santa@callsanta.local',
        subject: 'First <email>',
        text: 'Text of First <email>',
        html: '<p>First <email></p>',
        sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
      expect.objectContaining({ subject: 'Second email' }),
    ]);
    expect(page).toContain('First &lt;email&gt;');
    expect(page.indexOf('Second email')).toBeLessThan(page.indexOf('First &lt;email&gt;'));
  });

  it('refuses an email with no recipients', async () => {
    const ses = new SESv2Client({});

    const sending = ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'santa@callsanta.local',
        Destination: { ToAddresses: [] },
        Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
      }),
    );

    await expect(sending).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});

describe('EventBridge Scheduler stand-in', () => {
  const scheduler = () => new SchedulerClient({});
  const group = localResourceNames.scheduleGroup;
  const target = (name: string, callAt: string) => ({
    Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
    RoleArn: localArns.schedulerRole,
    Input: JSON.stringify({
      StateMachineArn: localArns.stateMachine,
      Name: name,
      Input: JSON.stringify({ bookingId: name, callAt, version: 1 }),
    }),
  });

  it('creates, reads, updates, lists and deletes a one-time schedule', async () => {
    const client = scheduler();
    const farAway = 'at(2031-12-24T18:30:00)';

    const created = await client.send(
      new CreateScheduleCommand({
        Name: 'booking-crud',
        GroupName: group,
        ScheduleExpression: farAway,
        ScheduleExpressionTimezone: 'America/New_York',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: target('booking-crud', '2031-12-24T23:30:00Z'),
      }),
    );
    await client.send(
      new UpdateScheduleCommand({
        Name: 'booking-crud',
        GroupName: group,
        ScheduleExpression: 'at(2031-12-24T19:00:00)',
        ScheduleExpressionTimezone: 'America/New_York',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: target('booking-crud', '2031-12-25T00:00:00Z'),
      }),
    );
    const read = await client.send(
      new GetScheduleCommand({ Name: 'booking-crud', GroupName: group }),
    );
    const listed = await client.send(
      new ListSchedulesCommand({ GroupName: group, NamePrefix: 'booking-crud' }),
    );
    await client.send(new DeleteScheduleCommand({ Name: 'booking-crud', GroupName: group }));
    const afterDelete = client.send(
      new GetScheduleCommand({ Name: 'booking-crud', GroupName: group }),
    );

    expect(created.ScheduleArn).toBe(
      `arn:aws:scheduler:us-east-1:000000000000:schedule/${group}/booking-crud`,
    );
    expect(read).toMatchObject({
      ScheduleExpression: 'at(2031-12-24T19:00:00)',
      ScheduleExpressionTimezone: 'America/New_York',
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
    });
    expect(read.CreationDate).toBeInstanceOf(Date);
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['booking-crud']);
    await expect(afterDelete).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a second schedule with the same name, and a recurring expression', async () => {
    const client = scheduler();
    const request = {
      Name: 'booking-twice',
      GroupName: group,
      ScheduleExpression: 'at(2031-01-01T10:00:00)',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: target('booking-twice', '2031-01-01T10:00:00Z'),
    };
    await client.send(new CreateScheduleCommand(request));

    const twice = client.send(new CreateScheduleCommand(request));
    const recurring = client.send(
      new CreateScheduleCommand({
        ...request,
        Name: 'booking-rate',
        ScheduleExpression: 'rate(5 minutes)',
      }),
    );

    await expect(twice).rejects.toBeInstanceOf(ConflictException);
    await expect(recurring).rejects.toBeInstanceOf(ValidationException);
  });

  it('fires a due schedule: the workflow starts under the booking name and the entry is deleted', async () => {
    const client = scheduler();
    const now = new Date(Date.now() + 1000);
    const expression = `at(${now.toISOString().slice(0, 19)})`;

    await client.send(
      new CreateScheduleCommand({
        Name: 'booking-fires',
        GroupName: group,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: target('booking-fires', now.toISOString()),
      }),
    );
    const execution = await eventually('the scheduled execution', () =>
      new SFNClient({})
        .send(
          new DescribeExecutionCommand({
            executionArn: `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:booking-fires`,
          }),
        )
        .catch(() => undefined),
    );
    await eventually('the schedule to be deleted', () =>
      client
        .send(new GetScheduleCommand({ Name: 'booking-fires', GroupName: group }))
        .then(() => undefined)
        .catch((error: unknown) => (error instanceof ResourceNotFoundException ? true : undefined)),
    );

    expect(execution.name).toBe('booking-fires');
    expect(JSON.parse(execution.input ?? '{}')).toMatchObject({ bookingId: 'booking-fires' });
  });
});

describe('the API server', () => {
  it('answers GET /api/health with 200 {"status":"ok"} when the table and buckets answer', async () => {
    const response = await fetch(`${cloud.apiUrl}/api/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown API route with a JSON 404 and a wrong method with 405', async () => {
    const missing = await fetch(`${cloud.apiUrl}/api/nothing-here`);
    const wrongMethod = await fetch(`${cloud.apiUrl}/api/health`, { method: 'DELETE' });

    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(wrongMethod.status).toBe(405);
  });

  it('serves the built site, with the app shell for client-side routes', async () => {
    const home = await fetch(`${cloud.apiUrl}/`);
    const deepLink = await fetch(`${cloud.apiUrl}/manage/some-booking`);

    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');
  });
});
