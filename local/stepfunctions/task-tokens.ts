import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AwsServiceError } from '../aws-errors.ts';
import { readJsonFile, writeJsonFile } from '../json-file.ts';

/** The error a task fails with when its token is answered by SendTaskFailure or times out. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

const pendingTokenSchema = z.object({
  token: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
  /** When the state's (time-scaled) TimeoutSeconds runs out, in epoch milliseconds. */
  deadline: z.number(),
});
/** A token handed out and not yet answered, as kept on disk across restarts. */
export type PendingTokenRecord = z.infer<typeof pendingTokenSchema>;
const tokenFileSchema = z.object({ tokens: z.array(pendingTokenSchema) });

type Answer = { readonly output: unknown } | { readonly error: TaskFailure };

interface Waiter {
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

interface PendingTask extends PendingTokenRecord {
  /** Set while a running state waits on the token; absent for a token restored from disk. */
  waiter?: Waiter;
  /** An answer that arrived while nobody waited yet (a restored token, before its resume). */
  answer?: Answer;
}

export interface TokenOutcome {
  readonly executionArn: string;
  readonly stateName: string;
}

/** A token and the promise that settles when it is answered, times out or is cancelled. */
export interface IssuedToken {
  readonly token: string;
  readonly outcome: Promise<unknown>;
}

/**
 * The engine's own TimeoutSeconds fires first on a fresh token; the token lives this much
 * longer so a late answer is told TaskTimedOut rather than InvalidToken.
 */
const graceMs = 1000;

/**
 * Task tokens handed out by `.waitForTaskToken` states, and the promises that resume those
 * states when SendTaskSuccess / SendTaskFailure arrive. Pending tokens (token, execution,
 * state, deadline) are mirrored to one JSON file, so an execution resumed after a restart waits
 * on the very token its Lambda was given, until the original deadline. Answers to a token that
 * is finished (answered, timed out, or its execution stopped) fail with TaskTimedOut, as in
 * AWS — within one process; after a restart a finished token is InvalidToken.
 */
export class TaskTokenRegistry {
  private readonly pending = new Map<string, PendingTask>();
  private readonly finished = new Set<string>();
  private writeQueued = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  /**
   * Opens the registry kept in `path` (a JSON file, created on first write). Tokens found
   * there stay dormant until {@link resume} re-arms them for their resumed state.
   */
  static async open(path: string): Promise<TaskTokenRegistry> {
    const registry = new TaskTokenRegistry(path);
    const stored = await readJsonFile(path).catch(() => undefined);
    const parsed = tokenFileSchema.safeParse(stored ?? { tokens: [] });
    if (!parsed.success) {
      console.error(`[stepfunctions] ignoring unreadable task tokens in ${path}`);
    }
    for (const task of parsed.data?.tokens ?? []) registry.pending.set(task.token, { ...task });
    return registry;
  }

  /** Issues a token for a state that waits at most `timeoutMs`, and persists it. */
  issue(executionArn: string, stateName: string, timeoutMs: number): IssuedToken {
    // AWS tokens are long opaque strings; ours are the same size class (well under 2048).
    const token = randomBytes(384).toString('base64url');
    const task: PendingTask = { token, executionArn, stateName, deadline: Date.now() + timeoutMs };
    this.pending.set(token, task);
    this.persist();
    return { token, outcome: this.arm(task, timeoutMs + graceMs) };
  }

  /**
   * Re-arms the token a resumed state was waiting on before the restart, with only the time
   * left until its original deadline (no grace: the engine's own timer started afresh).
   * Returns undefined when no such token is pending.
   */
  resume(executionArn: string, stateName: string): IssuedToken | undefined {
    const task = [...this.pending.values()].find(
      (candidate) =>
        candidate.executionArn === executionArn &&
        candidate.stateName === stateName &&
        !candidate.waiter,
    );
    if (!task) return undefined;
    const outcome = this.arm(task, task.deadline - Date.now());
    const answer = task.answer;
    if (answer) {
      const { waiter } = this.finish(task.token) ?? {};
      if ('output' in answer) waiter?.resolve(answer.output);
      else waiter?.reject(answer.error);
    }
    return { token: task.token, outcome };
  }

  succeed(token: string, output: unknown): TokenOutcome {
    return this.answer(token, { output });
  }

  fail(token: string, error: string, cause: string): TokenOutcome {
    return this.answer(token, { error: new TaskFailure(error, cause) });
  }

  heartbeat(token: string): TokenOutcome {
    const task = this.pending.get(token);
    if (!task) throw this.unknownToken(token);
    return task;
  }

  /**
   * Forgets a token whose task failed before anyone waited on it (its Lambda threw): its
   * timer is cleared and its promise never settles, so nothing is left rejected unheard.
   */
  discard(token: string): void {
    this.finish(token);
  }

  /** Cancels every token of a stopped execution; their states will never resume. */
  cancelExecution(executionArn: string): void {
    for (const task of [...this.pending.values()]) {
      if (task.executionArn !== executionArn) continue;
      this.finish(task.token)?.waiter?.reject(
        new TaskFailure('States.Runtime', 'Execution stopped.'),
      );
    }
  }

  /** Drops restored tokens of executions that are no longer running. */
  retain(runningExecutionArns: ReadonlySet<string>): void {
    for (const task of [...this.pending.values()]) {
      if (!runningExecutionArns.has(task.executionArn)) this.finish(task.token);
    }
  }

  /**
   * Stops waiting without forgetting: timers are cleared and waiting states are released
   * (their executions are shutting down), while the tokens stay on disk for the next start.
   */
  async close(): Promise<void> {
    for (const task of this.pending.values()) {
      const waiter = task.waiter;
      if (!waiter) continue;
      clearTimeout(waiter.timer);
      delete task.waiter;
      waiter.reject(new TaskFailure('States.Runtime', 'The local Step Functions engine stopped.'));
    }
    await this.writing;
  }

  private answer(token: string, answer: Answer): TokenOutcome {
    const task = this.pending.get(token);
    if (!task) throw this.unknownToken(token);
    if (task.answer) throw new AwsServiceError('TaskTimedOut', 'Provided task was answered.');
    if (!task.waiter) {
      // Restored and not yet resumed: kept until its state resumes and takes it.
      task.answer = answer;
      return task;
    }
    const { waiter } = this.finish(token) ?? {};
    if ('output' in answer) waiter?.resolve(answer.output);
    else waiter?.reject(answer.error);
    return task;
  }

  private arm(task: PendingTask, delayMs: number): Promise<unknown> {
    const outcome = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.finish(task.token)?.waiter?.reject(
            new TaskFailure('States.Timeout', 'Task timed out.'),
          );
        },
        Math.max(0, delayMs),
      );
      task.waiter = { resolve, reject, timer };
    });
    // The state awaits this promise; should it have stopped awaiting (its execution was
    // stopped mid-invoke), a late rejection must not become an unhandled rejection.
    outcome.catch(() => undefined);
    return outcome;
  }

  private finish(token: string): PendingTask | undefined {
    const task = this.pending.get(token);
    if (!task) return undefined;
    if (task.waiter) clearTimeout(task.waiter.timer);
    this.pending.delete(token);
    this.finished.add(token);
    this.persist();
    return task;
  }

  /**
   * Saves the pending tokens. Writes are coalesced: a change while a write is queued joins it
   * (the snapshot is taken when the write starts), so restoring or settling many tokens at once
   * costs one or two writes, not one each.
   */
  private persist(): void {
    if (this.writeQueued) return;
    this.writeQueued = true;
    this.writing = this.writing
      .then(() => {
        this.writeQueued = false;
        const tokens: PendingTokenRecord[] = [...this.pending.values()].map(
          ({ token, executionArn, stateName, deadline }) => ({
            token,
            executionArn,
            stateName,
            deadline,
          }),
        );
        return writeJsonFile(this.path, { tokens });
      })
      .catch((error: unknown) =>
        console.error('[stepfunctions] could not save task tokens', error),
      );
  }

  private unknownToken(token: string): AwsServiceError {
    return this.finished.has(token)
      ? new AwsServiceError('TaskTimedOut', 'Provided task does not exist anymore.')
      : new AwsServiceError('InvalidToken', 'Invalid Token: the task token is not recognised.');
  }
}
