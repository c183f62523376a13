import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  callCallbackOutput,
  serviceErrors,
  taskContracts,
  taskErrors,
  videoCallbackOutput,
  type WorkflowTaskName,
} from '../../functions/schemas/workflow-contract.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';

interface AslState {
  Type: string;
  Parameters?: { FunctionName?: string; Payload?: Record<string, unknown> };
  ResultSelector?: Record<string, string>;
  ResultPath?: string | null;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[] }[];
  Choices?: AslChoice[];
  TimestampPath?: string;
  SecondsPath?: string;
}
interface AslChoice {
  Variable?: string;
  StringEquals?: string;
  BooleanEquals?: boolean;
  Or?: AslChoice[];
  And?: AslChoice[];
}

const asl = JSON.parse(
  readFileSync(new URL('../../state-machines/booking.asl.json', import.meta.url), 'utf8'),
) as { States: Record<string, AslState> };
const states = Object.entries(asl.States);
const tasks = states.filter(([, state]) => state.Type === 'Task');

function taskName(state: AslState): WorkflowTaskName {
  const match = /^\$\{(\w+)FunctionArn\}$/.exec(state.Parameters?.FunctionName ?? '');
  return match?.[1] as WorkflowTaskName;
}

function objectKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Where each task's result lands in the state, and the schema of what lands there. */
function resultSchemas(): Map<string, z.ZodType> {
  const byPath = new Map<string, z.ZodType>();
  for (const [, state] of tasks) {
    if (!state.ResultPath) continue;
    const name = taskName(state);
    // A task that waits for a token gets what the callback sends, not the Lambda's output.
    const callbacks: Partial<Record<WorkflowTaskName, z.ZodType>> = {
      PlaceCall: callCallbackOutput,
      RenderVideo: videoCallbackOutput,
    };
    const schema = callbacks[name] ?? taskContracts[name].output;
    byPath.set(state.ResultPath, schema);
  }
  return byPath;
}

function flatten(choice: AslChoice): AslChoice[] {
  return [choice, ...(choice.Or ?? []).flatMap(flatten), ...(choice.And ?? []).flatMap(flatten)];
}

describe('the booking workflow keeps to its contract', () => {
  it.each(tasks.map(([name, state]) => [name, state] as const))(
    '"%s" calls a task of the contract with an input it accepts',
    (_, state) => {
      const name = taskName(state);
      expect(Object.keys(taskContracts)).toContain(name);
      const contract = taskContracts[name];
      // Every payload field is one the task's input names; required ones are all given.
      const given = Object.keys(state.Parameters?.Payload ?? {}).map((key) =>
        key.replace(/\.\$$/, ''),
      );
      const accepted = objectKeys(contract.input);
      expect(accepted).toEqual(expect.arrayContaining(given));
      const sample = Object.fromEntries(
        Object.entries(state.Parameters?.Payload ?? {}).map(([key, value]) =>
          key.endsWith('.$')
            ? [key.slice(0, -2), sampleFor(contract.input, key.slice(0, -2))]
            : [key, value],
        ),
      );
      expect(contract.input.safeParse(sample).error?.issues ?? []).toEqual([]);
    },
  );

  it.each(tasks.map(([name, state]) => [name, state] as const))(
    '"%s" selects only fields its task returns',
    (_, state) => {
      const output = taskContracts[taskName(state)].output;
      for (const path of Object.values(state.ResultSelector ?? {})) {
        const field = /^\$\.Payload\.(\w+)$/.exec(path)?.[1];
        expect(field, path).toBeDefined();
        expect(objectKeys(output)).toContain(field);
      }
    },
  );

  it('names only errors the contract or AWS defines in its Retry and Catch blocks', () => {
    const known = new Set<string>([...Object.values(taskErrors), ...serviceErrors]);
    const named = tasks.flatMap(([, state]) =>
      [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((rule) => rule.ErrorEquals),
    );
    expect(named.filter((error) => !known.has(error))).toEqual([]);
    // And the errors the tasks throw on purpose are all handled somewhere — except a refusal,
    // which no retry mends: it ends the call through States.ALL like any failure.
    for (const error of Object.values(taskErrors)) {
      if (error !== taskErrors.elevenLabsRequestRejected) expect(named).toContain(error);
    }
  });

  it('reads only result fields that exist, and compares them only with values they can take', () => {
    const results = resultSchemas();
    const choices = states.flatMap(([, state]) => (state.Choices ?? []).flatMap(flatten));
    const paths = [
      ...choices.flatMap((choice) => (choice.Variable ? [choice] : [])),
      ...states.flatMap(([, state]) =>
        [state.TimestampPath, state.SecondsPath]
          .filter((path): path is string => Boolean(path))
          .map((Variable) => ({ Variable }) as AslChoice),
      ),
    ];
    const notResults = new Set<string>();
    let checked = 0;
    for (const choice of paths) {
      const [, root, field] = /^(\$\.\w+)\.(\w+)$/.exec(choice.Variable ?? '') ?? [];
      if (!root || !field || !results.has(root)) {
        notResults.add(choice.Variable ?? '');
        continue;
      }
      checked++;
      const schema = results.get(root) as z.ZodObject;
      expect(Object.keys(schema.shape), choice.Variable).toContain(field);
      if (choice.StringEquals !== undefined) {
        const fieldSchema = schema.shape[field] as z.ZodType;
        expect(
          fieldSchema.safeParse(choice.StringEquals).success,
          `${choice.Variable} = ${choice.StringEquals}`,
        ).toBe(true);
      }
    }
    // Every path read is a task's result, but the execution's own input (the call time).
    expect(checked).toBeGreaterThan(10);
    expect([...notResults]).toEqual(['$.callAt']);
  });

  it('has a function definition for every task it calls, and calls every one', () => {
    const called = new Set(tasks.map(([, state]) => taskName(state)));
    expect([...called].sort()).toEqual(workflowTaskFunctions.map((task) => task.name).sort());
    expect(Object.keys(taskContracts).sort()).toEqual([...called].sort());
  });
});

/** A value the input schema accepts for one field, standing in for a JSONPath reference. */
function sampleFor(schema: z.ZodType, field: string): unknown {
  const samples: Record<string, unknown> = {
    bookingId: '01JBOOKING',
    version: 1,
    taskToken: 'token',
    outcome: 'failed',
    reason: 'error',
    error: 'States.TaskFailed',
    stage: 'start',
    problem: 'records_not_saved',
  };
  expect(objectKeys(schema)).toContain(field);
  return samples[field];
}

describe("the workflow's sample payloads (test/fixtures/workflow/samples.json)", () => {
  const samples = JSON.parse(
    readFileSync(new URL('../fixtures/workflow/samples.json', import.meta.url), 'utf8'),
  ) as {
    tasks: Record<string, { input: unknown; output: unknown }[]>;
    callback: unknown[];
    videoCallback: unknown[];
  };

  it('has samples for every task of the contract', () => {
    expect(Object.keys(samples.tasks).sort()).toEqual(Object.keys(taskContracts).sort());
  });

  it.each(Object.entries(samples.tasks))(
    '%s: its samples parse with its contract',
    (name, pairs) => {
      const contract = taskContracts[name as WorkflowTaskName];
      for (const { input, output } of pairs) {
        expect(contract.input.safeParse(input).error?.issues ?? []).toEqual([]);
        expect(contract.output.safeParse(output).error?.issues ?? []).toEqual([]);
      }
    },
  );

  it('has callback samples the call task accepts', () => {
    expect(samples.callback.length).toBeGreaterThan(0);
    for (const sample of samples.callback) {
      expect(callCallbackOutput.safeParse(sample).success).toBe(true);
    }
  });

  it('has callback samples the video task accepts', () => {
    expect(samples.videoCallback.length).toBeGreaterThan(0);
    for (const sample of samples.videoCallback) {
      expect(videoCallbackOutput.safeParse(sample).success).toBe(true);
    }
  });
});
