import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { callTokenKey } from '../../functions/workflow/task-token-keys.ts';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { eventually, freeBasePort, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud | undefined;

afterAll(async () => {
  await cloud?.stop();
});

const table = localResourceNames.table;
const executionArn = (name: string) =>
  `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:${name}`;

it('keeps data, pending schedules and running workflows across a restart', async () => {
  // Arrange: a first local cloud with something in every store.
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-restart-'));
  const basePort = await freeBasePort();
  cloud = await startTestCloud({ dataDir, basePort });
  const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const readToken = async () =>
    (
      await documents().send(
        new GetCommand({ TableName: table, Key: callTokenKey('restart-running') }),
      )
    ).Item?.taskToken as string | undefined;

  await documents().send(
    new PutCommand({ TableName: table, Item: { pk: 'BOOKING#kept', sk: 'BOOKING' } }),
  );
  await new S3Client({ forcePathStyle: true }).send(
    new PutObjectCommand({
      Bucket: localResourceNames.buckets.recordings,
      Key: 'kept.txt',
      Body: 'kept',
    }),
  );
  await new SESv2Client({}).send(
    new SendEmailCommand({
      FromEmailAddress: 'santa@callsanta.local',
      Destination: { ToAddresses: ['parent@example.com'] },
      Content: { Simple: { Subject: { Data: 'Kept email' }, Body: { Text: { Data: 'kept' } } } },
    }),
  );
  await new SFNClient({}).send(
    new StartExecutionCommand({
      stateMachineArn: localArns.stateMachine,
      name: 'restart-running',
      input: JSON.stringify({ bookingId: 'restart-running', callAt: new Date().toISOString() }),
    }),
  );
  const tokenBefore = await eventually('the first token', readToken);

  // Made last, just before the stop, so it is still pending then even on a loaded machine.
  const fireAt = new Date(Date.now() + 12_000);
  await new SchedulerClient({}).send(
    new CreateScheduleCommand({
      Name: 'restart-scheduled',
      GroupName: localResourceNames.scheduleGroup,
      ScheduleExpression: `at(${fireAt.toISOString().slice(0, 19)})`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
        RoleArn: localArns.schedulerRole,
        Input: JSON.stringify({
          StateMachineArn: localArns.stateMachine,
          Name: 'restart-scheduled',
          Input: JSON.stringify({ bookingId: 'restart-scheduled', callAt: fireAt.toISOString() }),
        }),
      },
    }),
  );
  // Act: stop everything and start again on the same data folder.
  await cloud.stop();
  cloud = await startTestCloud({ dataDir, basePort });

  // Assert
  const kept = await documents().send(
    new GetCommand({ TableName: table, Key: { pk: 'BOOKING#kept', sk: 'BOOKING' } }),
  );
  expect(kept.Item).toEqual({ pk: 'BOOKING#kept', sk: 'BOOKING' });
  const object = await new S3Client({ forcePathStyle: true }).send(
    new GetObjectCommand({ Bucket: localResourceNames.buckets.recordings, Key: 'kept.txt' }),
  );
  expect(await object.Body?.transformToString()).toBe('kept');
  const outbox = await fetch(`${cloud.apiUrl}/_local/outbox?format=json`).then((r) => r.json());
  expect(outbox.map((m: { subject: string }) => m.subject)).toEqual(['Kept email']);
  const schedule = await new SchedulerClient({}).send(
    new GetScheduleCommand({
      Name: 'restart-scheduled',
      GroupName: localResourceNames.scheduleGroup,
    }),
  );
  expect(schedule.State).toBe('ENABLED');

  // The running workflow resumes: it parks a fresh token, which completes it.
  const tokenAfter = await eventually('a fresh token after restart', async () => {
    const token = await readToken();
    return token && token !== tokenBefore ? token : undefined;
  });
  await new SFNClient({}).send(new SendTaskSuccessCommand({ taskToken: tokenAfter, output: '{}' }));
  const resumed = await eventually('the resumed execution to succeed', async () => {
    const execution = await new SFNClient({}).send(
      new DescribeExecutionCommand({ executionArn: executionArn('restart-running') }),
    );
    return execution.status === 'SUCCEEDED' ? execution : undefined;
  });
  expect(resumed.status).toBe('SUCCEEDED');

  // The pending schedule still fires after the restart.
  const scheduled = await eventually(
    'the schedule made before the restart to fire',
    () =>
      new SFNClient({})
        .send(new DescribeExecutionCommand({ executionArn: executionArn('restart-scheduled') }))
        .catch(() => undefined),
    30_000,
  );
  expect(JSON.parse(scheduled.input ?? '{}')).toMatchObject({ bookingId: 'restart-scheduled' });
});
