import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureEngine,
  fixtureStateMachineArn,
  startFixtureEngine,
} from './support/fixture-engine.ts';
import { eventually } from './support/local-cloud.ts';

let engine: FixtureEngine;
let sfn: SFNClient;

beforeAll(async () => {
  engine = await startFixtureEngine();
  sfn = engine.sfn;
});

afterAll(async () => {
  await engine?.stop();
});

async function startBooking(bookingId: string, callAt = new Date().toISOString()) {
  return sfn.send(
    new StartExecutionCommand({
      stateMachineArn: fixtureStateMachineArn,
      name: bookingId,
      input: JSON.stringify({ bookingId, callAt, tokenDir: engine.tokenDir }),
    }),
  );
}

const parkedToken = (bookingId: string) => engine.parkedToken(bookingId);

function finished(executionArn: string) {
  return eventually(`${executionArn} to finish`, async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  });
}

describe('the local Step Functions server, through the real SDK', () => {
  it('parks a task token and resumes with SendTaskSuccess, output carried into the result', async () => {
    const { executionArn } = await startBooking('booking-roundtrip');

    const token = await parkedToken('booking-roundtrip');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: token,
        output: JSON.stringify({ outcome: 'answered' }),
      }),
    );
    const execution = await finished(executionArn ?? '');

    expect(token.length).toBeGreaterThan(100);
    expect(token.length).toBeLessThanOrEqual(2048);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({
      bookingId: 'booking-roundtrip',
      callOutcome: { outcome: 'answered' },
    });
  });

  it('records each step in the execution history with AWS event types', async () => {
    const { executionArn } = await startBooking('booking-history');
    const token = await parkedToken('booking-history');
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: '{"outcome":"answered"}' }),
    );
    await finished(executionArn ?? '');

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const steps = events?.map((event) =>
      [event.type, event.stateEnteredEventDetails?.name].filter(Boolean).join(' '),
    );

    expect(steps).toEqual([
      'ExecutionStarted',
      'WaitStateEntered Wait until the call time',
      'WaitStateExited',
      'TaskStateEntered Wait for the call outcome',
      'TaskScheduled',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered The call is over',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events?.map((event) => event.id)).toEqual(events?.map((_, index) => index + 1));
  });

  it('fails the execution with the error given to SendTaskFailure', async () => {
    const { executionArn } = await startBooking('booking-failure');
    const token = await parkedToken('booking-failure');

    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Call.Busy', cause: 'line busy' }),
    );
    const execution = await finished(executionArn ?? '');

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Call.Busy', cause: 'line busy' });
  });

  it('answers a token used twice with TaskTimedOut and an unknown one with InvalidToken', async () => {
    const { executionArn } = await startBooking('booking-token-twice');
    const token = await parkedToken('booking-token-twice');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await finished(executionArn ?? '');

    const again = sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    const unknown = sfn.send(
      new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }),
    );

    await expect(again).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(unknown).rejects.toBeInstanceOf(InvalidToken);
  });

  it('waits until the booked instant before asking for the call', async () => {
    const callAt = new Date(Date.now() + 1500).toISOString();
    const started = Date.now();
    await startBooking('booking-waits', callAt);

    await parkedToken('booking-waits');

    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('returns the running execution for a repeated start with the same name and input', async () => {
    const callAt = new Date(Date.now() + 60_000).toISOString();
    const first = await startBooking('booking-idempotent', callAt);

    const repeated = await startBooking('booking-idempotent', callAt);
    const different = startBooking('booking-idempotent', new Date().toISOString());

    expect(repeated.executionArn).toBe(first.executionArn);
    await expect(different).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('stops a waiting execution with StopExecution', async () => {
    const { executionArn } = await startBooking(
      'booking-stopped',
      new Date(Date.now() + 3_600_000).toISOString(),
    );

    await sfn.send(
      new StopExecutionCommand({
        executionArn,
        error: 'Booking.Cancelled',
        cause: 'parent cancelled',
      }),
    );
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const { events } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }),
    );

    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Booking.Cancelled' });
    expect(events?.[0]?.type).toBe('ExecutionAborted');
  });
});
