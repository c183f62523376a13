import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { FunctionDefinition } from '../../functions/function-definition.ts';
import { AwsServiceError } from '../aws-errors.ts';
import type { LocalLambdaRuntime } from '../lambda-runtime.ts';
import {
  type ExecutionRecord,
  type ExecutionStatus,
  ExecutionStore,
  type HistoryEventRecord,
} from './execution-store.ts';
import { type LocalDefinition, toLocalDefinition } from './local-definition.ts';
import { type EnteredState, findResumePoint, type TopLevelState } from './resume-point.ts';
import { applySubstitutions } from './substitutions.ts';
import { assertSupportedResources, localTaskHandlers } from './task-resources.ts';
import { TaskTokenRegistry } from './task-tokens.ts';

type EngineEvent = Awaited<
  ReturnType<ReturnType<StateMachine['run']>['eventLogs']['next']>
>['value'];

export interface StepFunctionsEngineOptions {
  readonly definitionPath: string;
  readonly substitutions: Readonly<Record<string, string>>;
  readonly stateMachineArn: string;
  readonly roleArn: string;
  /** Function ARN (and bare name) → the function it runs. */
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  readonly lambda: LocalLambdaRuntime;
  readonly dynamodb: DynamoDBClient;
  readonly executionsDir: string;
  /** The JSON file pending task tokens are kept in; default `task-tokens.json` beside executionsDir. */
  readonly taskTokensPath?: string;
  readonly timeScale: number;
  /** CALLSANTA_TIME_ANCHOR as epoch ms; unset keeps Wait timestamps relative to the wait's start. */
  readonly timeAnchorMs?: number;
  /**
   * Function ARNs whose tasks' timeouts are real work here (a local video render takes the CPU
   * time it takes), so the time scale does not shorten them.
   */
  readonly realTimeFunctionArns?: readonly string[];
}

/** Where a run starts: from StartAt, or at a state after a restart. */
interface RunStart {
  readonly stateName?: string;
  readonly input: unknown;
  /** Set when that state was already running: its StateEntered is in the history. */
  readonly entered?: EnteredState;
}

interface RunningExecution {
  readonly abort: () => void;
  /** Set when the local cloud shuts down: the execution stays RUNNING and resumes at start. */
  shuttingDown: boolean;
  /** States whose StateEntered event is in the history and whose StateExited is not yet. */
  readonly enteredStates: Set<string>;
  /** Task events that arrived before their state's StateEntered reached the history. */
  readonly early: { stateName: string; event: HistoryEventRecord }[];
  /** Events the history already holds from before a restart, skipped once when they recur. */
  readonly alreadyRecorded: { executionStarted: boolean; stateEntered: string | undefined };
}

const maxInputBytes = 256 * 1024;
const invalidNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** Execution names as AWS accepts them: 1–80 characters, no spaces, wildcards or controls. */
function isValidExecutionName(name: string): boolean {
  const hasControl = [...name].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  return name.length > 0 && name.length <= 80 && !hasControl && !invalidNameCharacters.test(name);
}

/**
 * Step Functions for one state machine, run by aws-local-stepfunctions on the real ASL file.
 * Adds what the library lacks: named executions, task tokens, history in AWS's event types,
 * StopExecution, time scaling and persistence.
 *
 * Executions still running when the local cloud stopped (or was killed) resume at the state
 * they were in, read from their persisted history: the machine is run again with `StartAt` set
 * to that state and that state's input. A Wait ends at its original instant; a
 * `.waitForTaskToken` state whose Lambda had returned is not invoked again and waits on its
 * persisted token until the original deadline; a task that was mid-invoke is invoked again
 * (at-least-once, as AWS may). Retry counters start from zero again after a restart, and
 * `$$.Execution.Input` of a resumed run is the resumed state's input (the library sets it).
 */
export class StepFunctionsEngine {
  private readonly running = new Map<string, RunningExecution>();
  /** Machines starting at a given state, for resumed executions. */
  private readonly resumeMachines = new Map<string, StateMachine>();

  private constructor(
    private readonly options: StepFunctionsEngineOptions,
    private readonly machine: StateMachine,
    private readonly local: LocalDefinition,
    private readonly store: ExecutionStore,
    private readonly tokens: TaskTokenRegistry,
  ) {}

  static async create(options: StepFunctionsEngineOptions): Promise<StepFunctionsEngine> {
    const asl = applySubstitutions(
      await readFile(options.definitionPath, 'utf8'),
      options.substitutions,
    );
    const original = JSON.parse(asl) as StateMachineDefinition;
    // Validate the definition as written, then run the locally rewritten equivalent.
    new StateMachine(original);
    const local = toLocalDefinition(original, options.timeScale, options.realTimeFunctionArns);
    assertSupportedResources(local.states);
    const machine = new StateMachine(local.definition, {
      validationOptions: { noValidate: true },
    });
    const store = new ExecutionStore(options.executionsDir);
    const tokens = await TaskTokenRegistry.open(
      options.taskTokensPath ?? join(dirname(options.executionsDir), 'task-tokens.json'),
    );
    const engine = new StepFunctionsEngine(options, machine, local, store, tokens);
    const running = (await store.load()).filter((record) => record.status === 'RUNNING');
    tokens.retain(new Set(running.map((record) => record.executionArn)));
    for (const record of running) engine.resume(record);
    return engine;
  }

  get stateMachineArn(): string {
    return this.options.stateMachineArn;
  }

  start(request: { stateMachineArn?: string; name?: string; input?: string }): ExecutionRecord {
    this.assertStateMachine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!isValidExecutionName(name)) {
      throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = request.input ?? '{}';
    if (Buffer.byteLength(input) > maxInputBytes) {
      throw new AwsServiceError('InvalidExecutionInput', 'Execution input exceeds 256 KB.');
    }
    try {
      JSON.parse(input);
    } catch {
      throw new AwsServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input.');
    }
    const executionArn = this.executionArn(name);
    const existing = this.store.get(executionArn);
    if (existing) {
      // As in AWS: the same name and input while running returns the original execution.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new AwsServiceError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: this.options.stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: Date.now(),
      events: [],
    };
    this.store.add(record);
    this.run(record);
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.store.get(executionArn);
    if (!record) {
      throw new AwsServiceError(
        'ExecutionDoesNotExist',
        `Execution Does Not Exist: '${executionArn}'`,
      );
    }
    return record;
  }

  list(stateMachineArn: string | undefined, status?: ExecutionStatus): ExecutionRecord[] {
    this.assertStateMachine(stateMachineArn);
    return this.store
      .all()
      .filter((record) => status === undefined || record.status === status)
      .sort((a, b) => b.startDate - a.startDate);
  }

  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status !== 'RUNNING') return record;
    this.finish(record, 'ABORTED', { error, cause });
    this.append(record, 'ExecutionAborted', 'executionAbortedEventDetails', {
      ...(error ? { error } : {}),
      ...(cause ? { cause } : {}),
    });
    this.running.get(executionArn)?.abort();
    this.tokens.cancelExecution(executionArn);
    return record;
  }

  sendTaskSuccess(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new AwsServiceError('InvalidOutput', 'Invalid Output: the task output is not JSON.');
    }
    this.tokens.succeed(token, parsed);
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    this.tokens.fail(token, error ?? 'States.TaskFailed', cause ?? '');
  }

  sendTaskHeartbeat(token: string): void {
    this.tokens.heartbeat(token);
  }

  /** Stops running work without recording an end: those executions resume at next start. */
  async close(): Promise<void> {
    for (const running of this.running.values()) {
      running.shuttingDown = true;
      running.abort();
    }
    await this.tokens.close();
    await this.store.flush();
  }

  /** Carries on an execution found RUNNING at start, at the state it was in. */
  private resume(record: ExecutionRecord): void {
    const point = findResumePoint(
      record.events,
      this.local.definition.States as unknown as Record<string, TopLevelState>,
    );
    switch (point.kind) {
      case 'beginning':
        this.run(record, { input: JSON.parse(record.input) });
        return;
      case 'state':
        this.run(record, {
          stateName: point.stateName,
          input: point.input,
          ...(point.entered ? { entered: point.entered } : {}),
        });
        return;
      case 'succeeded': {
        const output = JSON.stringify(point.output);
        this.append(record, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output });
        this.finish(record, 'SUCCEEDED', { output });
        return;
      }
    }
  }

  /**
   * The machine to run from `stateName`: the same local definition with another StartAt.
   * A machine-wide TimeoutSeconds counts from the execution's start, so only what is left of
   * it applies (such machines are not cached).
   */
  private machineFrom(stateName: string | undefined, startDate: number): StateMachine {
    if (stateName === undefined || stateName === this.local.definition.StartAt) {
      if (this.local.definition.TimeoutSeconds === undefined) return this.machine;
    }
    const timeout = this.local.definition.TimeoutSeconds;
    const cached = timeout === undefined ? this.resumeMachines.get(stateName ?? '') : undefined;
    if (cached) return cached;
    const machine = new StateMachine(
      {
        ...this.local.definition,
        StartAt: stateName ?? this.local.definition.StartAt,
        ...(timeout === undefined
          ? {}
          : { TimeoutSeconds: Math.max(0, timeout - (Date.now() - startDate) / 1000) }),
      },
      { validationOptions: { noValidate: true } },
    );
    if (timeout === undefined) this.resumeMachines.set(stateName ?? '', machine);
    return machine;
  }

  private run(record: ExecutionRecord, start?: RunStart): void {
    const controller = new AbortController();
    let abortEngine = () => {};
    const entered = start?.entered;
    const running: RunningExecution = {
      shuttingDown: false,
      enteredStates: new Set(entered && start?.stateName ? [start.stateName] : []),
      early: [],
      alreadyRecorded: {
        executionStarted: record.events.some((event) => event.type === 'ExecutionStarted'),
        stateEntered: entered ? start?.stateName : undefined,
      },
      abort: () => {
        controller.abort();
        abortEngine();
      },
    };
    let resumedState = entered && start?.stateName ? start.stateName : undefined;
    const handlers = localTaskHandlers(
      this.local.states,
      {
        lambda: this.options.lambda,
        functions: this.options.functions,
        tokens: this.tokens,
        dynamodb: this.options.dynamodb,
        timeScale: this.options.timeScale,
        ...(this.options.timeAnchorMs === undefined
          ? {}
          : { timeAnchorMs: this.options.timeAnchorMs }),
      },
      {
        executionArn: record.executionArn,
        signal: controller.signal,
        record: (stateName, type, detailsKey, details) =>
          this.recordTaskEvent(record, running, stateName, {
            timestamp: Date.now(),
            type,
            detailsKey,
            details,
            stateName,
          }),
        takeResumed: (stateName) => {
          if (stateName !== resumedState) return undefined;
          resumedState = undefined;
          return entered;
        },
      },
    );
    const machine = this.machineFrom(start?.stateName, record.startDate);
    const input = start ? start.input : JSON.parse(record.input);
    const execution = machine.run(input as Parameters<StateMachine['run']>[0], {
      overrides: { taskResourceLocalHandlers: handlers },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          RoleArn: this.options.roleArn,
          StartTime: new Date(record.startDate).toISOString(),
        },
        StateMachine: { Id: this.options.stateMachineArn, Name: this.stateMachineName() },
      },
    });
    abortEngine = execution.abort;
    this.running.set(record.executionArn, running);
    this.recordEvents(record, running, execution.eventLogs).catch((error: unknown) =>
      console.error(`[stepfunctions] lost history events of ${record.name}`, error),
    );
    execution.result
      .then(
        (output) => {
          if (record.status !== 'RUNNING' || running.shuttingDown) return;
          this.finish(record, 'SUCCEEDED', { output: JSON.stringify(output) });
        },
        (error: unknown) => {
          if (record.status !== 'RUNNING' || running.shuttingDown) return;
          const timedOut = error instanceof Error && error.name === 'ExecutionTimeoutError';
          const cause = error instanceof Error ? (error.cause as Error | undefined) : undefined;
          this.finish(record, timedOut ? 'TIMED_OUT' : 'FAILED', {
            error: timedOut ? 'States.Timeout' : (cause?.name ?? 'States.Runtime'),
            cause: cause?.message ?? (error instanceof Error ? error.message : String(error)),
          });
        },
      )
      .catch((error: unknown) =>
        console.error(`[stepfunctions] could not record the end of ${record.name}`, error),
      );
  }

  private async recordEvents(
    record: ExecutionRecord,
    running: RunningExecution,
    events: AsyncGenerator<EngineEvent>,
  ): Promise<void> {
    for await (const event of events) {
      if (running.shuttingDown) return;
      if (this.isAlreadyRecorded(running, event)) continue;
      this.recordEngineEvent(record, event);
      if (event?.type === 'StateEntered') {
        running.enteredStates.add(event.state.name);
        this.releaseEarlyEvents(record, running, event.state.name);
      }
      if (event?.type === 'StateExited') running.enteredStates.delete(event.state.name);
    }
  }

  /** A resumed run starts with ExecutionStarted and its state's StateEntered, already in the history. */
  private isAlreadyRecorded(running: RunningExecution, event: EngineEvent): boolean {
    const recorded = running.alreadyRecorded;
    if (event?.type === 'ExecutionStarted' && recorded.executionStarted) {
      recorded.executionStarted = false;
      return true;
    }
    if (event?.type === 'StateEntered' && event.state.name === recorded.stateEntered) {
      recorded.stateEntered = undefined;
      return true;
    }
    return false;
  }

  /**
   * The engine's events reach us through an async generator, a moment after they happen; a
   * task handler's own events (TaskScheduled, …) are immediate. Holding a task event until its
   * state's StateEntered is in the history keeps the history in the order things happened.
   */
  private recordTaskEvent(
    record: ExecutionRecord,
    running: RunningExecution,
    stateName: string,
    event: HistoryEventRecord,
  ): void {
    if (running.enteredStates.has(stateName)) {
      record.events.push(event);
      this.store.save(record);
    } else {
      running.early.push({ stateName, event });
    }
  }

  private releaseEarlyEvents(
    record: ExecutionRecord,
    running: RunningExecution,
    stateName: string,
  ): void {
    const ready = running.early.filter((early) => early.stateName === stateName);
    if (ready.length === 0) return;
    record.events.push(...ready.map((early) => early.event));
    running.early.splice(
      0,
      running.early.length,
      ...running.early.filter((e) => e.stateName !== stateName),
    );
    this.store.save(record);
  }

  private recordEngineEvent(record: ExecutionRecord, event: EngineEvent): void {
    if (!event) return;
    const at = event.timestamp;
    switch (event.type) {
      case 'ExecutionStarted':
        this.append(
          record,
          'ExecutionStarted',
          'executionStartedEventDetails',
          {
            input: JSON.stringify(event.input),
            roleArn: this.options.roleArn,
          },
          at,
        );
        return;
      case 'StateEntered':
        this.append(
          record,
          `${this.originalType(event.state.name)}StateEntered`,
          'stateEnteredEventDetails',
          {
            name: event.state.name,
            input: JSON.stringify(event.state.input),
          },
          at,
        );
        return;
      case 'StateExited':
        this.append(
          record,
          `${this.originalType(event.state.name)}StateExited`,
          'stateExitedEventDetails',
          {
            name: event.state.name,
            output: JSON.stringify(event.state.output ?? null),
          },
          at,
        );
        return;
      case 'StateFailed': {
        const timedOut = event.Error === 'States.Timeout';
        this.append(
          record,
          timedOut ? 'TaskTimedOut' : 'TaskFailed',
          timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails',
          { error: event.Error, cause: String(event.Cause ?? '') },
          at,
          event.state.name,
        );
        return;
      }
      case 'ExecutionSucceeded':
        this.append(
          record,
          'ExecutionSucceeded',
          'executionSucceededEventDetails',
          {
            output: JSON.stringify(event.output),
          },
          at,
        );
        return;
      case 'ExecutionFailed':
        this.append(
          record,
          'ExecutionFailed',
          'executionFailedEventDetails',
          {
            error: event.Error,
            cause: String(event.Cause ?? ''),
          },
          at,
        );
        return;
      case 'ExecutionTimeout':
        this.append(record, 'ExecutionTimedOut', 'executionTimedOutEventDetails', {}, at);
        return;
      default:
        // Aborts are recorded by stop(); retries, catches and branch events need no entry.
        return;
    }
  }

  private append(
    record: ExecutionRecord,
    type: string,
    detailsKey: string,
    details: Record<string, unknown>,
    timestamp = Date.now(),
    stateName?: string,
  ): void {
    record.events.push({
      timestamp,
      type,
      detailsKey,
      details,
      ...(stateName ? { stateName } : {}),
    });
    this.store.save(record);
  }

  private finish(
    record: ExecutionRecord,
    status: ExecutionStatus,
    result: { output?: string; error?: string | undefined; cause?: string | undefined },
  ): void {
    record.status = status;
    record.stopDate = Date.now();
    if (result.output !== undefined) record.output = result.output;
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    this.running.delete(record.executionArn);
    // A token still pending belongs to a state that will never resume; forget it on disk too.
    this.tokens.cancelExecution(record.executionArn);
    this.store.save(record);
  }

  private originalType(stateName: string): string {
    return this.local.states.get(stateName)?.type ?? 'Task';
  }

  private stateMachineName(): string {
    return this.options.stateMachineArn.split(':').at(-1) ?? '';
  }

  private executionArn(name: string): string {
    return `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  private assertStateMachine(stateMachineArn: string | undefined): void {
    if (stateMachineArn !== undefined && stateMachineArn !== this.options.stateMachineArn) {
      throw new AwsServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
  }
}
