import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { CallCallbackOutput } from '../schemas/workflow-contract.ts';

const sfn = new SFNClient({});

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
export async function answerCallTask(
  taskToken: string,
  output: CallCallbackOutput,
): Promise<boolean> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof Error && settled.has(error.name)) return false;
    throw error;
  }
}
