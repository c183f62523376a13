import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningLocalCloud } from '../../local/cloud.ts';
import { localArns, localResourceNames } from '../../local/config.ts';
import { fixtureStateMachineArn, startFixtureEngine } from './support/fixture-engine.ts';
import { eventually, startTestCloud } from './support/local-cloud.ts';

// One hour of booking time passes in one second.
const timeScale = 3600;
let cloud: RunningLocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale });
});

afterAll(async () => {
  await cloud?.stop();
});

const executionArn = (name: string) =>
  `${localArns.stateMachine.replace(':stateMachine:', ':execution:')}:${name}`;

it('fires a schedule an hour away, written in the booking’s time zone, within seconds', async () => {
  const inAnHour = DateTime.now().setZone('Asia/Tokyo').plus({ hours: 1 });
  const started = Date.now();

  await new SchedulerClient({}).send(
    new CreateScheduleCommand({
      Name: 'scaled-schedule',
      GroupName: localResourceNames.scheduleGroup,
      ScheduleExpression: `at(${inAnHour.toFormat("yyyy-MM-dd'T'HH:mm:ss")})`,
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
        RoleArn: localArns.schedulerRole,
        Input: JSON.stringify({
          StateMachineArn: localArns.stateMachine,
          Name: 'scaled-schedule',
          Input: JSON.stringify({
            bookingId: 'scaled-schedule',
            callAt: inAnHour.toUTC().toISO(),
          }),
        }),
      },
    }),
  );
  await eventually('the scaled schedule to fire', () =>
    new SFNClient({})
      .send(new DescribeExecutionCommand({ executionArn: executionArn('scaled-schedule') }))
      .catch(() => undefined),
  );
  const elapsed = Date.now() - started;

  // An hour at 3600× is one second; a wrong zone would be off by nine hours (9 s).
  expect(elapsed).toBeGreaterThan(500);
  expect(elapsed).toBeLessThan(4000);
});

it('times out a task nobody answers and fails the execution with States.Timeout', async () => {
  const engine = await startFixtureEngine({ timeScale });
  try {
    // The fixture's callback task has TimeoutSeconds 3600: one second at this scale.
    const { executionArn: arn } = await engine.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: fixtureStateMachineArn,
        name: 'scaled-timeout',
        input: JSON.stringify({
          bookingId: 'scaled-timeout',
          callAt: new Date().toISOString(),
          tokenDir: engine.tokenDir,
        }),
      }),
    );
    const execution = await eventually('the unanswered task to time out', async () => {
      const described = await engine.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
    const { events } = await engine.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }));

    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(events?.map((event) => event.type)).toContain('TaskTimedOut');
  } finally {
    await engine.stop();
  }
});
