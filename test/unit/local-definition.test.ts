import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import {
  insertTaskToken,
  localWaitResource,
  maxLocalTimeoutSeconds,
  taskTokenMarker,
  toLocalDefinition,
} from '../../local/stepfunctions/local-definition.ts';

const definition = {
  StartAt: 'Wait until the call time',
  TimeoutSeconds: 7200,
  States: {
    'Wait until the call time': {
      Type: 'Wait',
      TimestampPath: '$.callAt',
      InputPath: '$',
      Next: 'Call',
    },
    Call: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token', 'id.$': '$.id' } },
      TimeoutSeconds: 600,
      HeartbeatSeconds: 60,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxDelaySeconds: 100 }],
      Next: 'Fan out',
    },
    'Fan out': {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 5, End: true } } }],
      End: true,
    },
  },
} as unknown as StateMachineDefinition;

describe('toLocalDefinition', () => {
  const { definition: local, states } = toLocalDefinition(definition, 10);
  const localStates = local.States as unknown as Record<string, Record<string, unknown>>;

  it('turns a Wait into a local sleeper Task that keeps its paths and transition', () => {
    expect(localStates['Wait until the call time']).toEqual({
      Type: 'Task',
      Resource: localWaitResource,
      InputPath: '$',
      Next: 'Call',
      TimeoutSeconds: maxLocalTimeoutSeconds,
    });
    expect(states.get('Wait until the call time')).toMatchObject({
      type: 'Wait',
      wait: { TimestampPath: '$.callAt' },
    });
  });

  it('swaps $$.Task.Token for the marker and drops heartbeats', () => {
    expect(localStates.Call?.Parameters).toEqual({
      FunctionName: 'f',
      Payload: { token: taskTokenMarker, 'id.$': '$.id' },
    });
    expect(localStates.Call).not.toHaveProperty('HeartbeatSeconds');
  });

  it('divides timeouts and retry intervals by the time scale', () => {
    expect(local.TimeoutSeconds).toBe(720);
    expect(localStates.Call?.TimeoutSeconds).toBe(60);
    expect(localStates.Call?.Retry).toEqual([
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxDelaySeconds: 10 },
    ]);
    expect(states.get('Call')).toMatchObject({ type: 'Task', timeoutSeconds: 60 });
  });

  it.each([
    [3600, 2],
    [600, 2],
    [60, 10],
  ])(
    'gives a 600 s task at time scale %i at least %i s, for its Lambda to run',
    (scale, seconds) => {
      const scaled = toLocalDefinition(definition, scale).definition.States as unknown as Record<
        string,
        Record<string, unknown>
      >;
      expect(scaled.Call?.TimeoutSeconds).toBe(seconds);
    },
  );

  it("keeps a real-work task's timeout whole (a local render is not faster for the time scale)", () => {
    const realTime = toLocalDefinition(definition, 10, ['f']);
    const call = (realTime.definition.States as unknown as Record<string, Record<string, unknown>>)
      .Call;
    expect(call?.TimeoutSeconds).toBe(600);
    // Its retry waits are still scaled: they are waits, not work.
    expect(call?.Retry).toEqual([
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxDelaySeconds: 10 },
    ]);
    expect(realTime.states.get('Call')).toMatchObject({ timeoutSeconds: 600 });
  });

  it('rewrites states inside Parallel branches too', () => {
    const fanOut = localStates['Fan out'] as { Branches: { States: Record<string, unknown> }[] };
    const branch = fanOut.Branches[0];
    expect(branch?.States.Nap).toMatchObject({ Type: 'Task', Resource: localWaitResource });
    expect(states.get('Nap')).toMatchObject({ type: 'Wait', wait: { Seconds: 5 } });
  });

  it('leaves the original definition untouched', () => {
    expect(
      (definition.States as Record<string, { Type: string }>)['Wait until the call time']?.Type,
    ).toBe('Wait');
  });

  it('refuses a state name used twice, since history is keyed by name', () => {
    const duplicated = {
      StartAt: 'A',
      States: {
        A: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }],
          End: true,
        },
      },
    } as unknown as StateMachineDefinition;

    expect(() => toLocalDefinition(duplicated, 1)).toThrow(/used twice/);
  });
});

describe('insertTaskToken', () => {
  it('puts the token wherever the marker stands, at any depth', () => {
    const payload = { a: taskTokenMarker, b: [{ c: taskTokenMarker }, 'keep'], d: 1 };

    expect(insertTaskToken(payload, 'tok')).toEqual({ a: 'tok', b: [{ c: 'tok' }, 'keep'], d: 1 });
  });
});
