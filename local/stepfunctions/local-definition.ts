import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * The local engine (aws-local-stepfunctions) cannot pause on a task token, scale time, or wait
 * longer than a Node timer allows. This turns the real ASL into an equivalent one it can run:
 * - `Wait` states become Tasks run by a local sleeper, so a dynamic wait can be time-scaled;
 * - `$$.Task.Token` in Parameters becomes a marker the local task handler swaps for a token;
 * - timeouts and retry intervals are divided by the time scale (but the timeouts of tasks that
 *   are real work here, such as a local video render, named by `realTimeFunctionArns`);
 * - `HeartbeatSeconds` is dropped (the engine has no heartbeats).
 * The original state types are kept so the execution history reads as AWS would show it.
 */

export const localWaitResource = 'arn:aws:states:::local:wait';
export const taskTokenMarker = '__CALLSANTA_LOCAL_TASK_TOKEN__';
/** Node timers overflow past ~24.8 days; no local timeout may exceed this. */
export const maxLocalTimeoutSeconds = 2_000_000;

export interface WaitSpec {
  readonly Seconds?: number;
  readonly Timestamp?: string;
  readonly SecondsPath?: string;
  readonly TimestampPath?: string;
}

export interface LocalStateInfo {
  readonly type: string;
  /** The Task's Resource in the original definition. */
  readonly resource?: string;
  /** The wait spec of a former Wait state. */
  readonly wait?: WaitSpec;
  /** The Task's timeout after time scaling, in seconds. */
  readonly timeoutSeconds?: number;
}

export interface LocalDefinition {
  readonly definition: StateMachineDefinition;
  readonly states: ReadonlyMap<string, LocalStateInfo>;
}

type JsonObject = Record<string, unknown>;

export function toLocalDefinition(
  original: StateMachineDefinition,
  timeScale: number,
  realTimeFunctionArns: readonly string[] = [],
): LocalDefinition {
  const states = new Map<string, LocalStateInfo>();
  const definition = structuredClone(original) as unknown as JsonObject;
  rewriteMachine(definition, { timeScale, realTimeFunctionArns }, states);
  return { definition: definition as unknown as StateMachineDefinition, states };
}

interface Scaling {
  readonly timeScale: number;
  readonly realTimeFunctionArns: readonly string[];
}

function rewriteMachine(machine: JsonObject, scaling: Scaling, info: Map<string, LocalStateInfo>) {
  if (typeof machine.TimeoutSeconds === 'number') {
    machine.TimeoutSeconds = scaledTimeout(machine.TimeoutSeconds, scaling.timeScale);
  }
  const states = machine.States as Record<string, JsonObject>;
  for (const [name, state] of Object.entries(states)) {
    if (info.has(name)) {
      throw new Error(`State name "${name}" is used twice; local history needs unique names.`);
    }
    states[name] = rewriteState(name, state, scaling, info);
  }
}

function rewriteState(
  name: string,
  state: JsonObject,
  scaling: Scaling,
  info: Map<string, LocalStateInfo>,
): JsonObject {
  const { timeScale } = scaling;
  const type = state.Type as string;
  scaleRetries(state, timeScale);
  if (type === 'Wait') {
    const { Type: _type, Seconds, Timestamp, SecondsPath, TimestampPath, ...rest } = state;
    info.set(name, {
      type,
      wait: { Seconds, Timestamp, SecondsPath, TimestampPath } as WaitSpec,
      timeoutSeconds: maxLocalTimeoutSeconds,
    });
    return {
      ...rest,
      Type: 'Task',
      Resource: localWaitResource,
      TimeoutSeconds: maxLocalTimeoutSeconds,
    };
  }
  if (type === 'Task') {
    const { HeartbeatSeconds: _heartbeat, ...rest } = state;
    // Without TimeoutSeconds AWS waits up to a year; the local engine would stop at 60 s.
    const functionName = (state.Parameters as JsonObject | undefined)?.FunctionName;
    const realTime = scaling.realTimeFunctionArns.includes(String(functionName));
    const timeoutSeconds =
      typeof state.TimeoutSeconds === 'number'
        ? scaledTimeout(state.TimeoutSeconds, realTime ? 1 : timeScale)
        : maxLocalTimeoutSeconds;
    info.set(name, { type, resource: state.Resource as string, timeoutSeconds });
    return {
      ...rest,
      TimeoutSeconds: timeoutSeconds,
      ...(state.Parameters === undefined
        ? {}
        : { Parameters: replaceTaskTokenPath(state.Parameters) }),
    };
  }
  info.set(name, { type });
  if (type === 'Parallel') {
    for (const branch of state.Branches as JsonObject[]) rewriteMachine(branch, scaling, info);
  }
  if (type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as JsonObject;
    rewriteMachine(processor, scaling, info);
  }
  return state;
}

/**
 * However compressed time is, a task gets this long (or its own timeout, if shorter): its
 * Lambda needs real time to run, and a timeout shorter than the invocation itself would time
 * out every try (the line check-in's 60 s is 17 ms at 3600).
 */
export const minLocalTaskSeconds = 2;

function scaledTimeout(seconds: number, timeScale: number): number {
  const floor = Math.min(seconds, minLocalTaskSeconds);
  return Math.min(Math.max(seconds / timeScale, floor), maxLocalTimeoutSeconds);
}

function scaleRetries(state: JsonObject, timeScale: number): void {
  if (!Array.isArray(state.Retry)) return;
  state.Retry = (state.Retry as JsonObject[]).map((retrier) => ({
    ...retrier,
    IntervalSeconds: ((retrier.IntervalSeconds as number | undefined) ?? 1) / timeScale,
    ...(typeof retrier.MaxDelaySeconds === 'number'
      ? { MaxDelaySeconds: retrier.MaxDelaySeconds / timeScale }
      : {}),
  }));
}

/** Replaces every `"key.$": "$$.Task.Token"` with `"key": <marker>`, at any depth. */
export function replaceTaskTokenPath(template: unknown): unknown {
  if (Array.isArray(template)) return template.map(replaceTaskTokenPath);
  if (template === null || typeof template !== 'object') return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) =>
      key.endsWith('.$') && value === '$$.Task.Token'
        ? [key.slice(0, -2), taskTokenMarker]
        : [key, replaceTaskTokenPath(value)],
    ),
  );
}

/** Puts a real token wherever the marker stands. */
export function insertTaskToken(value: unknown, token: string): unknown {
  if (value === taskTokenMarker) return token;
  if (Array.isArray(value)) return value.map((item) => insertTaskToken(item, token));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, insertTaskToken(inner, token)]),
  );
}
