import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { JSONPath } from 'jsonpath-plus';
import type { FunctionDefinition } from '../../functions/function-definition.ts';
import type { LocalLambdaRuntime } from '../lambda-runtime.ts';
import { realInstantFor } from '../time-compression.ts';
import {
  insertTaskToken,
  type LocalStateInfo,
  localWaitResource,
  maxLocalTimeoutSeconds,
  type WaitSpec,
} from './local-definition.ts';
import type { EnteredState } from './resume-point.ts';
import { type IssuedToken, TaskFailure, type TaskTokenRegistry } from './task-tokens.ts';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type LocalTaskHandler = (input: JsonValue) => Promise<JsonValue>;

/** Records a history event of the named state (TaskScheduled, TaskSucceeded, …). */
export type TaskEventSink = (
  stateName: string,
  type: string,
  detailsKey: string,
  details: Record<string, unknown>,
) => void;

export interface TaskResourceDependencies {
  readonly lambda: LocalLambdaRuntime;
  /** Function ARN (and bare name) → the function it runs. */
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  readonly tokens: TaskTokenRegistry;
  readonly dynamodb: DynamoDBClient;
  readonly timeScale: number;
  /** CALLSANTA_TIME_ANCHOR (epoch ms): Wait timestamps map around it (`time-compression.ts`). */
  readonly timeAnchorMs?: number;
}

interface RunScope {
  readonly executionArn: string;
  readonly signal: AbortSignal;
  readonly record: TaskEventSink;
  /**
   * For the state an execution resumed at after a restart: what it had done before, given
   * once (its first attempt after the restart); undefined for every other call.
   */
  readonly takeResumed: (stateName: string) => EnteredState | undefined;
}

const dynamoDbCommands = {
  getItem: GetItemCommand,
  putItem: PutItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

/**
 * Local handlers for every Task state of one execution: Lambda invokes (plain, and
 * `.waitForTaskToken`), direct DynamoDB integrations, and the sleeper that stands in for Wait.
 * A resource with no local equivalent is refused when the workflow is loaded, not mid-run.
 */
export function localTaskHandlers(
  states: ReadonlyMap<string, LocalStateInfo>,
  deps: TaskResourceDependencies,
  scope: RunScope,
): Record<string, LocalTaskHandler> {
  const handlers: Record<string, LocalTaskHandler> = {};
  for (const [name, state] of states) {
    const handler = state.wait
      ? (input: JsonValue) => waitFor(name, state.wait as WaitSpec, input, deps, scope)
      : state.resource
        ? taskHandler(name, state, deps, scope)
        : undefined;
    if (handler) handlers[name] = notAfterStop(handler, scope.signal);
  }
  return handlers;
}

/**
 * An aborted execution's engine still finishes the state in hand and may retry it; no task
 * may start (invoke a Lambda, write to DynamoDB) once its execution was stopped or the engine
 * closed.
 */
function notAfterStop(handler: LocalTaskHandler, signal: AbortSignal): LocalTaskHandler {
  return async (input) => {
    if (signal.aborted) throw new TaskFailure('States.Runtime', 'Execution stopped.');
    return handler(input);
  };
}

/** Fails fast when the definition names a resource the local engine cannot run. */
export function assertSupportedResources(states: ReadonlyMap<string, LocalStateInfo>): void {
  for (const [name, state] of states) {
    if (state.resource && !isSupported(state.resource)) {
      throw new Error(
        `State "${name}" uses ${state.resource}, which the local Step Functions engine does not run. Supported: Lambda invoke (optionally .waitForTaskToken), Lambda ARNs and DynamoDB getItem/putItem/updateItem/deleteItem.`,
      );
    }
  }
}

function isSupported(resource: string): boolean {
  return (
    resource === localWaitResource ||
    resource === 'arn:aws:states:::lambda:invoke' ||
    resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken' ||
    resource.startsWith('arn:aws:lambda:') ||
    dynamoDbOperation(resource) !== undefined
  );
}

function dynamoDbOperation(resource: string): keyof typeof dynamoDbCommands | undefined {
  const operation = resource.match(/^arn:aws:states:::dynamodb:(\w+)$/)?.[1];
  return operation && operation in dynamoDbCommands
    ? (operation as keyof typeof dynamoDbCommands)
    : undefined;
}

function taskHandler(
  stateName: string,
  state: LocalStateInfo,
  deps: TaskResourceDependencies,
  scope: RunScope,
): LocalTaskHandler {
  const resource = state.resource as string;
  if (resource === 'arn:aws:states:::lambda:invoke') {
    return async (input) => {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload?: JsonValue };
      const result = await invokeFunction(deps, FunctionName, Payload ?? null);
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    };
  }
  if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
    return (input) => waitForTaskToken(stateName, state, input, deps, scope);
  }
  if (resource.startsWith('arn:aws:lambda:')) {
    return (input) => invokeFunction(deps, resource, input);
  }
  const operation = dynamoDbOperation(resource);
  if (operation) {
    return async (input) => {
      try {
        // The state's Parameters are the operation's input, exactly as AWS passes them on.
        const Command = dynamoDbCommands[operation] as unknown as new (
          input: unknown,
        ) => Parameters<DynamoDBClient['send']>[0];
        const { $metadata: _metadata, ...output } = await deps.dynamodb.send(new Command(input));
        return output as JsonValue;
      } catch (error) {
        // Step Functions prefixes service errors with the service name.
        const name = error instanceof Error ? error.name : 'UnknownError';
        throw new TaskFailure(`DynamoDB.${name}`, error instanceof Error ? error.message : '');
      }
    };
  }
  throw new Error(`No local handler for ${resource} in state "${stateName}".`);
}

async function invokeFunction(
  deps: TaskResourceDependencies,
  functionName: string,
  payload: JsonValue,
): Promise<JsonValue> {
  const definition = deps.functions.get(functionName);
  if (!definition) {
    throw new TaskFailure(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${functionName}`,
    );
  }
  try {
    return ((await deps.lambda.invoke(definition, payload)) ?? null) as JsonValue;
  } catch (error) {
    // As in AWS: the error type is the thrown error's name, the cause carries the message.
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    throw new TaskFailure(errorType, JSON.stringify({ errorType, errorMessage }));
  }
}

async function waitForTaskToken(
  stateName: string,
  state: LocalStateInfo,
  input: JsonValue,
  deps: TaskResourceDependencies,
  scope: RunScope,
): Promise<JsonValue> {
  const resumed = scope.takeResumed(stateName);
  // After a restart the state waits on the token it had handed out, until its original
  // deadline; a token that was lost with the crash is replaced and the Lambda asked again.
  const kept = resumed ? deps.tokens.resume(scope.executionArn, stateName) : undefined;
  if (kept && resumed?.submitted) return awaitAnswer(stateName, kept.outcome, scope);
  const { token, outcome }: IssuedToken =
    kept ??
    deps.tokens.issue(
      scope.executionArn,
      stateName,
      (state.timeoutSeconds ?? maxLocalTimeoutSeconds) * 1000,
    );
  const { FunctionName, Payload } = insertTaskToken(input, token) as {
    FunctionName: string;
    Payload?: JsonValue;
  };
  scope.record(stateName, 'TaskScheduled', 'taskScheduledEventDetails', {
    resourceType: 'lambda',
    resource: 'invoke.waitForTaskToken',
    region: 'us-east-1',
    parameters: JSON.stringify({ FunctionName }),
  });
  try {
    await invokeFunction(deps, FunctionName, Payload ?? null);
  } catch (error) {
    // Nobody will ever answer this token: forget it now rather than let it time out later.
    deps.tokens.discard(token);
    throw error;
  }
  scope.record(stateName, 'TaskSubmitted', 'taskSubmittedEventDetails', {
    resourceType: 'lambda',
    resource: 'invoke.waitForTaskToken',
  });
  return awaitAnswer(stateName, outcome, scope);
}

async function awaitAnswer(
  stateName: string,
  outcome: Promise<unknown>,
  scope: RunScope,
): Promise<JsonValue> {
  // Failures and timeouts reach the history through the engine's StateFailed event.
  const output = (await outcome) as JsonValue;
  scope.record(stateName, 'TaskSucceeded', 'taskSucceededEventDetails', {
    resourceType: 'lambda',
    resource: 'invoke.waitForTaskToken',
    output: JSON.stringify(output),
  });
  return output;
}

/**
 * Sleeps as the original Wait state would, divided by the time scale, counting from when the
 * state was entered: after a restart a Wait ends at its original instant, not a full wait later.
 * With an anchor, a Timestamp/TimestampPath wait ends at the instant's one mapped real time.
 */
async function waitFor(
  stateName: string,
  spec: WaitSpec,
  input: JsonValue,
  deps: TaskResourceDependencies,
  scope: RunScope,
): Promise<JsonValue> {
  const began = scope.takeResumed(stateName)?.at ?? Date.now();
  const seconds =
    spec.Seconds ??
    (spec.SecondsPath ? Number(queryPath(spec.SecondsPath, input)) : undefined) ??
    undefined;
  const timestamp =
    spec.Timestamp ?? (spec.TimestampPath ? String(queryPath(spec.TimestampPath, input)) : null);
  const target = seconds !== undefined ? began + seconds * 1000 : Date.parse(timestamp ?? '');
  if (Number.isNaN(target)) {
    throw new TaskFailure('States.Runtime', 'The Wait state resolved to no time to wait for.');
  }
  // A timestamp is an instant, mapped around the anchor when there is one; seconds are a
  // relative wait, only ever divided by the scale.
  const endsAt = realInstantFor(target, began, {
    scale: deps.timeScale,
    ...(seconds === undefined && deps.timeAnchorMs !== undefined
      ? { anchorMs: deps.timeAnchorMs }
      : {}),
  });
  await sleep(endsAt - Date.now(), scope.signal);
  return input;
}

function queryPath(path: string, input: JsonValue): unknown {
  const [value] = JSONPath({ path, json: input as object, wrap: true }) as unknown[];
  if (value === undefined) {
    throw new TaskFailure('States.Runtime', `The path ${path} matched nothing in the input.`);
  }
  return value;
}

/** Sleeps in steps below Node's timer ceiling; stops early when the execution is stopped. */
async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  const step = 2 ** 31 - 1;
  let remaining = ms;
  while (remaining > 0 && !signal.aborted) {
    const chunk = Math.min(remaining, step);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, chunk);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
    remaining -= chunk;
  }
}
