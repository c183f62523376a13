import { answerLineTask } from '../adapters/workflow-callbacks.ts';
import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { giveLine, handOut, LinesContendedError } from '../data/call-lines.ts';
import { taskErrors } from '../schemas/workflow-contract.ts';
import { TaskError, workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/**
 * Gives the booking's line back and hands it to the first due call waiting. Idempotent: a line
 * already given back needs nothing, and a lost release expires with its lease.
 */
export const handler = workflowTask('ReleaseCallCapacity', async ({ bookingId }) => {
  try {
    await giveLine(bookingId);
  } catch (error) {
    if (!(error instanceof LinesContendedError)) throw error;
    throw new TaskError(taskErrors.transient, error.message, { cause: error });
  }
  await handOut(config.lines, (call, startAt) =>
    answerLineTask(call.taskToken, { startAt: new Date(startAt).toISOString() }),
  );
  return {};
});
