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
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import {
  bookingWhere,
  createBooking,
  outbox,
  payWithCard,
  timelineTypes,
  tomorrowAt,
} from './support/booking-api.ts';
import { eventually, freeBasePort, startTestCloud } from './support/local-cloud.ts';

let cloud: RunningLocalCloud | undefined;

afterAll(async () => {
  await cloud?.stop();
});

const table = localResourceNames.table;
const executionArn = (name: string) =>
  `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:${name}`;

async function history(name: string) {
  const { events } = await new SFNClient({}).send(
    new GetExecutionHistoryCommand({ executionArn: executionArn(name) }),
  );
  return events ?? [];
}

/** The history as `Type` or `Type state name` lines. */
async function steps(name: string): Promise<string[]> {
  return (await history(name)).map((event) =>
    [event.type, event.stateEnteredEventDetails?.name].filter(Boolean).join(' '),
  );
}

it('keeps data, pending schedules and running workflows across a restart', async () => {
  // Arrange: a first local cloud with something in every store.
  const dataDir = await mkdtemp(join(tmpdir(), 'callsanta-restart-'));
  const basePort = await freeBasePort();
  let running = await startTestCloud({ dataDir, basePort });
  cloud = running;
  const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
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
  // A paid booking whose workflow run has sent its reminder and now waits for its call time,
  // which comes after the restart.
  const booking = await createBooking(running, { scheduledAt: tomorrowAt(15) });
  await payWithCard(running, booking);
  await bookingWhere(running, booking, 'the booking to be scheduled', (b) =>
    timelineTypes(b).includes('call_scheduled'),
  );
  const callAt = Date.now() + 20_000;
  await new SFNClient({}).send(
    new StartExecutionCommand({
      stateMachineArn: localArns.stateMachine,
      name: 'restart-run',
      input: JSON.stringify({
        bookingId: booking.callId,
        callAt: new Date(callAt).toISOString(),
        version: 2,
      }),
    }),
  );
  const reminders = async () =>
    (await outbox(running)).filter((email) => email.subject.includes('in an hour'));
  await eventually('the reminder', async () =>
    (await reminders()).length === 1 ? true : undefined,
  );
  await eventually('the run to wait for the call time', async () =>
    (await steps('restart-run')).includes('WaitStateEntered Wait until the call time')
      ? true
      : undefined,
  );
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
          Input: JSON.stringify({
            bookingId: 'no-such-booking',
            callAt: fireAt.toISOString(),
            version: 1,
          }),
        }),
      },
    }),
  );

  // Act: stop everything and start again on the same data folder.
  await running.stop();
  running = await startTestCloud({ dataDir, basePort });
  cloud = running;

  // Assert: every store kept its data.
  const kept = await documents().send(
    new GetCommand({ TableName: table, Key: { pk: 'BOOKING#kept', sk: 'BOOKING' } }),
  );
  expect(kept.Item).toEqual({ pk: 'BOOKING#kept', sk: 'BOOKING' });
  const object = await new S3Client({ forcePathStyle: true }).send(
    new GetObjectCommand({ Bucket: localResourceNames.buckets.recordings, Key: 'kept.txt' }),
  );
  expect(await object.Body?.transformToString()).toBe('kept');
  expect((await outbox(running)).map((email) => email.subject)).toContain('Kept email');
  const entry = await new SchedulerClient({}).send(
    new GetScheduleCommand({
      Name: `booking-${booking.callId}`,
      GroupName: localResourceNames.scheduleGroup,
    }),
  );
  expect(entry.State).toBe('ENABLED');

  // The running workflow resumes at the state it was in: its Wait ends at the call time and
  // the run goes on, without checking the booking or sending the reminder a second time.
  const confirmed = await eventually(
    'the resumed run to pass its Wait',
    async () =>
      (await history('restart-run')).find(
        (event) => event.stateEnteredEventDetails?.name === 'Confirm the booking before calling',
      ),
    30_000,
  );
  expect(confirmed.timestamp?.getTime()).toBeGreaterThanOrEqual(callAt - 50);
  expect(confirmed.timestamp?.getTime()).toBeLessThan(callAt + 3000);
  const recorded = await steps('restart-run');
  expect(recorded.filter((step) => step === 'ExecutionStarted')).toHaveLength(1);
  expect(
    recorded.filter((step) => step === 'TaskStateEntered Check the booking is still on'),
  ).toHaveLength(1);
  expect(
    recorded.filter((step) => step === 'WaitStateEntered Wait until the call time'),
  ).toHaveLength(1);
  expect(await reminders()).toHaveLength(1);

  // The schedule made before the restart still fires after it.
  const scheduled = await eventually(
    'the schedule made before the restart to fire',
    () =>
      new SFNClient({})
        .send(new DescribeExecutionCommand({ executionArn: executionArn('restart-scheduled') }))
        .catch(() => undefined),
    30_000,
  );
  expect(JSON.parse(scheduled.input ?? '{}')).toMatchObject({ bookingId: 'no-such-booking' });
});
