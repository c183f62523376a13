import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import {
  type TaskErrorName,
  taskContracts,
  taskErrors,
  type WorkflowTaskName,
} from '../schemas/workflow-contract.ts';
import { invocation } from '../shared/invocation.ts';

/** A named error a task throws; the name is what the workflow's Retry and Catch match. */
export class TaskError extends Error {
  constructor(name: TaskErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** AWS SDK v3 errors that are worth a retry: throttling, a server fault, a dropped socket. */
function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sdk = error as Error & {
    $retryable?: unknown;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    sdk.$retryable !== undefined ||
    sdk.$fault === 'server' ||
    (sdk.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(
      (error as Error & { code?: string }).code ?? error.name,
    )
  );
}

/**
 * Wraps a task's work: parses its input with the contract (a bad input is a bug, not a
 * retry), runs it, checks its output, and renames AWS throttling and server faults to
 * `TransientError` so the workflow's Retry catches them by one name. Each run logs with its own
 * function's name and the input's booking id as correlation id, and flushes its metrics.
 */
export function workflowTask<Name extends WorkflowTaskName>(
  name: Name,
  work: (
    input: z.infer<(typeof taskContracts)[Name]['input']>,
  ) => Promise<z.input<(typeof taskContracts)[Name]['output']>>,
): (event: unknown, context?: Context) => Promise<z.infer<(typeof taskContracts)[Name]['output']>> {
  const contract = taskContracts[name];
  return (event, context) => invocation(context, bookingIdIn(event), () => run(event));
  async function run(event: unknown) {
    const input = contract.input.parse(event) as z.infer<(typeof taskContracts)[Name]['input']>;
    let output: unknown;
    try {
      output = await work(input);
    } catch (error) {
      if (isTransientAwsError(error)) {
        throw new TaskError(taskErrors.transient, `${name}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    }
    return contract.output.parse(output) as z.infer<(typeof taskContracts)[Name]['output']>;
  }
}

/** The booking id of a task's input, read before the contract parses it (a bad input too). */
function bookingIdIn(event: unknown): string | undefined {
  const bookingId = (event as { bookingId?: unknown } | null)?.bookingId;
  return typeof bookingId === 'string' ? bookingId : undefined;
}
