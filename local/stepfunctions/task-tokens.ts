import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../aws-errors.ts';

/** The error a task fails with when its token is answered by SendTaskFailure or times out. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

interface PendingTask {
  readonly executionArn: string;
  readonly stateName: string;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface TokenOutcome {
  readonly executionArn: string;
  readonly stateName: string;
}

/**
 * Task tokens handed out by `.waitForTaskToken` states, and the promises that resume those
 * states when SendTaskSuccess / SendTaskFailure arrive. Answers to a token that is finished
 * (answered, timed out, or its execution stopped) fail with TaskTimedOut, as in AWS.
 */
export class TaskTokenRegistry {
  private readonly pending = new Map<string, PendingTask>();
  private readonly finished = new Set<string>();

  /** Issues a token and a promise that settles when it is answered or times out. */
  issue(
    executionArn: string,
    stateName: string,
    timeoutSeconds: number,
  ): { token: string; outcome: Promise<unknown> } {
    // AWS tokens are long opaque strings; ours are the same size class (well under 2048).
    const token = randomBytes(384).toString('base64url');
    const outcome = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.finish(token)?.reject(new TaskFailure('States.Timeout', 'Task timed out.'));
      }, timeoutSeconds * 1000);
      this.pending.set(token, { executionArn, stateName, resolve, reject, timer });
    });
    return { token, outcome };
  }

  succeed(token: string, output: unknown): TokenOutcome {
    const task = this.take(token);
    task.resolve(output);
    return task;
  }

  fail(token: string, error: string, cause: string): TokenOutcome {
    const task = this.take(token);
    task.reject(new TaskFailure(error, cause));
    return task;
  }

  heartbeat(token: string): TokenOutcome {
    const task = this.pending.get(token);
    if (!task) throw this.unknownToken(token);
    return task;
  }

  /** Cancels every token of a stopped execution; their states will never resume. */
  cancelExecution(executionArn: string): void {
    for (const [token, task] of this.pending) {
      if (task.executionArn === executionArn) {
        this.finish(token)?.reject(new TaskFailure('States.Runtime', 'Execution stopped.'));
      }
    }
  }

  private take(token: string): PendingTask {
    const task = this.finish(token);
    if (!task) throw this.unknownToken(token);
    return task;
  }

  private finish(token: string): PendingTask | undefined {
    const task = this.pending.get(token);
    if (!task) return undefined;
    clearTimeout(task.timer);
    this.pending.delete(token);
    this.finished.add(token);
    return task;
  }

  private unknownToken(token: string): AwsServiceError {
    return this.finished.has(token)
      ? new AwsServiceError('TaskTimedOut', 'Provided task does not exist anymore.')
      : new AwsServiceError('InvalidToken', 'Invalid Token: the task token is not recognised.');
  }
}
