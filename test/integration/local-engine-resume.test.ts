import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterEach, expect, it } from 'vitest';
import {
  type FixtureEngine,
  type FixtureEngineOptions,
  fixtureStateMachineArn,
  parkTokenArn,
  startFixtureEngine,
} from './support/fixture-engine.ts';
import { eventually } from './support/local-cloud.ts';

// Every engine a test starts is stopped, even when an assertion fails half way.
const engines: FixtureEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function engineOn(options: FixtureEngineOptions = {}) {
  const engine = await startFixtureEngine(options);
  engines.push(engine);
  return engine;
}

/**
 * Stops an engine as `npm start` does at Ctrl-C (running executions stay RUNNING) and starts
 * a new one on the same folder.
 */
async function restart(
  engine: FixtureEngine,
  options: FixtureEngineOptions = {},
): Promise<FixtureEngine> {
  engines.splice(engines.indexOf(engine), 1);
  await engine.stop();
  return engineOn({ ...options, workDir: engine.workDir });
}

async function start(engine: FixtureEngine, name: string, input: Record<string, unknown>) {
  const { executionArn } = await engine.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: fixtureStateMachineArn,
      name,
      input: JSON.stringify({ tokenDir: engine.tokenDir, ...input }),
    }),
  );
  return executionArn ?? '';
}

async function history(engine: FixtureEngine, executionArn: string): Promise<HistoryEvent[]> {
  return (await engine.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

function steps(events: HistoryEvent[]): string[] {
  return events.map((event) =>
    [event.type, event.stateEnteredEventDetails?.name].filter(Boolean).join(' '),
  );
}

async function eventAt(engine: FixtureEngine, executionArn: string, step: string): Promise<number> {
  const event = await eventually(`"${step}" in the history`, async () =>
    (await history(engine, executionArn)).find((candidate) => steps([candidate])[0] === step),
  );
  return event.timestamp?.getTime() ?? Number.NaN;
}

function finished(engine: FixtureEngine, executionArn: string, timeoutMs = 20_000) {
  return eventually<DescribeExecutionCommandOutput>(
    `${executionArn} to finish`,
    async () => {
      const execution = await engine.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    },
    timeoutMs,
  );
}

it('keeps a parked task token across a restart: no second invoke, the original token completes it', async () => {
  const first = await engineOn();
  const arn = await start(first, 'resume-token', {
    bookingId: 'resume-token',
    callAt: new Date().toISOString(),
  });
  const token = await first.parkedToken('resume-token');
  await eventAt(first, arn, 'TaskSubmitted');
  expect(first.invocations).toHaveLength(1);

  const second = await restart(first);
  await second.sfn.send(
    new SendTaskSuccessCommand({ taskToken: token, output: '{"outcome":"answered"}' }),
  );
  const execution = await finished(second, arn);

  expect(execution.status).toBe('SUCCEEDED');
  expect(JSON.parse(execution.output ?? '{}')).toMatchObject({
    bookingId: 'resume-token',
    callOutcome: { outcome: 'answered' },
  });
  expect(second.invocations).toHaveLength(0);
  // The history reads as one uninterrupted run, appended to after the restart.
  expect(steps(await history(second, arn))).toEqual([
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
});

it('resumes from what was on disk at a crash: a copy of the data taken while the engine runs', async () => {
  const running = await engineOn();
  const arn = await start(running, 'resume-after-crash', {
    bookingId: 'resume-after-crash',
    callAt: new Date().toISOString(),
  });
  const token = await running.parkedToken('resume-after-crash');
  await eventAt(running, arn, 'TaskSubmitted');
  // What a SIGKILL leaves: the files as they are now, with no orderly close.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const crashed = await mkdtemp(join(tmpdir(), 'callsanta-crashed-'));
  await cp(running.workDir, crashed, { recursive: true });

  const restarted = await engineOn({ workDir: crashed });
  await restarted.sfn.send(
    new SendTaskSuccessCommand({ taskToken: token, output: '{"outcome":"answered"}' }),
  );
  const execution = await finished(restarted, arn);

  expect(execution.status).toBe('SUCCEEDED');
  expect(restarted.invocations).toHaveLength(0);
});

it('times a resumed task token out at its original deadline when nobody answers', async () => {
  // The fixture's TimeoutSeconds 3600 is 4 s at this scale.
  const timeScale = 900;
  const first = await engineOn({ timeScale });
  const arn = await start(first, 'resume-timeout', {
    bookingId: 'resume-timeout',
    callAt: new Date().toISOString(),
  });
  const token = await first.parkedToken('resume-timeout');
  const enteredAt = await eventAt(first, arn, 'TaskStateEntered Wait for the call outcome');
  await new Promise((resolve) => setTimeout(resolve, enteredAt + 1500 - Date.now()));

  const second = await restart(first, { timeScale });
  const execution = await finished(second, arn);

  expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  const timedOutAfter = (execution.stopDate?.getTime() ?? 0) - enteredAt;
  // 4 s after the state began; a fresh timeout after the restart would end after 5.5 s.
  expect(timedOutAfter).toBeGreaterThanOrEqual(3900);
  expect(timedOutAfter).toBeLessThan(5000);
  expect(steps(await history(second, arn))).toContain('TaskTimedOut');
  expect(second.invocations).toHaveLength(0);
  await expect(
    second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
  ).rejects.toBeInstanceOf(TaskTimedOut);
});

/** A Lambda task, a four-second Wait, another Lambda task: each invoke writes a file. */
const waitWorkflow = {
  StartAt: 'Before the wait',
  States: {
    'Before the wait': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: parkTokenArn,
        Payload: { bookingId: 'before', 'tokenDir.$': '$.tokenDir', taskToken: 'none' },
      },
      ResultPath: null,
      Next: 'Wait four seconds',
    },
    'Wait four seconds': { Type: 'Wait', Seconds: 4, Next: 'After the wait' },
    'After the wait': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: parkTokenArn,
        Payload: { bookingId: 'after', 'tokenDir.$': '$.tokenDir', taskToken: 'none' },
      },
      ResultPath: null,
      End: true,
    },
  },
};

it('ends a Seconds Wait interrupted half way at its original instant, without running earlier states again', async () => {
  const first = await engineOn({ definition: waitWorkflow });
  const arn = await start(first, 'resume-wait', {});
  const waitBegan = await eventAt(first, arn, 'WaitStateEntered Wait four seconds');
  await new Promise((resolve) => setTimeout(resolve, waitBegan + 2000 - Date.now()));

  const second = await restart(first, { definition: waitWorkflow });
  const execution = await finished(second, arn);
  const afterBegan = await eventAt(second, arn, 'TaskStateEntered After the wait');

  expect(execution.status).toBe('SUCCEEDED');
  // Four seconds after the wait began; a full wait again would end six seconds after it.
  expect(afterBegan - waitBegan).toBeGreaterThanOrEqual(3900);
  expect(afterBegan - waitBegan).toBeLessThan(4800);
  expect(first.invocations).toMatchObject([{ bookingId: 'before' }]);
  expect(second.invocations).toMatchObject([{ bookingId: 'after' }]);
  const recorded = steps(await history(second, arn));
  expect(recorded.filter((step) => step === 'ExecutionStarted')).toHaveLength(1);
  expect(recorded.filter((step) => step === 'WaitStateEntered Wait four seconds')).toHaveLength(1);
});

it('fails an execution whose .waitForTaskToken Lambda throws, leaving no rejection unhandled', async () => {
  // Before the fix, the token of the failed task timed out later with nobody listening:
  // an unhandled States.Timeout rejection, which ended `npm start` (and fails a vitest run).
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    // At this scale the task's TimeoutSeconds (3600) and its token's life are about a second.
    const engine = await engineOn({ timeScale: 3600 });
    // The fixture Lambda cannot make a folder under a file: it throws ENOTDIR.
    const blocker = join(engine.workDir, 'not-a-folder');
    await mkdir(engine.workDir, { recursive: true });
    await writeFile(blocker, 'a file');
    const arn = await start(engine, 'lambda-throws', {
      bookingId: 'lambda-throws',
      callAt: new Date().toISOString(),
      tokenDir: join(blocker, 'tokens'),
    });

    const execution = await finished(engine, arn);
    // Outlive the token's timeout, so a forgotten token would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Error' });
    expect(execution.cause).toContain('ENOTDIR');
    expect(engine.invocations).toHaveLength(1);
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', listener);
  }
});
