import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { traced } from '../config/tracing.ts';
import type {
  CallCallbackOutput,
  LineCallbackOutput,
  VideoCallbackOutput,
} from '../schemas/workflow-contract.ts';

const sfn = traced(new SFNClient({}));

/** Errors that mean the task was answered before, timed out, or its execution ended. */
const settled = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Answers the workflow's parked "Place the call and wait for the outcome" task. Idempotent:
 * answering a task that is already settled (another report came first, it timed out, its run
 * was stopped) is not an error — the workflow has moved on and asks ElevenLabs when it needs to.
 *
 * @returns false when the task was already settled
 * @throws the SDK's error for anything else (throttling, a fault): the caller should retry
 */
export function answerCallTask(taskToken: string, output: CallCallbackOutput): Promise<boolean> {
  return answerTask(taskToken, output);
}

/**
 * Answers the workflow's parked "Wait for a free line" task: a line is the call's, from the
 * given second. Idempotent as `answerCallTask`.
 *
 * @returns false when the task was already settled (timed out, or its run ended)
 */
export function answerLineTask(taskToken: string, output: LineCallbackOutput): Promise<boolean> {
  return answerTask(taskToken, output);
}

/**
 * Answers the workflow's parked "Make the video" task: the video is made. Idempotent as
 * `answerCallTask`.
 *
 * @returns false when the task was already settled
 */
export function answerVideoTask(taskToken: string, output: VideoCallbackOutput): Promise<boolean> {
  return answerTask(taskToken, output);
}

/**
 * Fails the workflow's parked "Make the video" task with `error` (the name its Retry and Catch
 * match) and a cause support can read. Idempotent as `answerCallTask`.
 *
 * @returns false when the task was already settled
 */
export async function failVideoTask(
  taskToken: string,
  error: string,
  cause: string,
): Promise<boolean> {
  return settle(() => sfn.send(new SendTaskFailureCommand({ taskToken, error, cause })));
}

function answerTask(taskToken: string, output: object): Promise<boolean> {
  return settle(() =>
    sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
  );
}

async function settle(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (error instanceof Error && settled.has(error.name)) return false;
    throw error;
  }
}
