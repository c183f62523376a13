import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { CapacityContendedError, releaseCallLine } from '../data/call-capacity.ts';
import { taskErrors } from '../schemas/workflow-contract.ts';
import { TaskError, workflowTask } from './task.ts';

const config = loadWorkflowConfig();

/** Gives the booking's line back; idempotent, and a lost release expires with its lease. */
export const handler = workflowTask('ReleaseCallCapacity', async ({ bookingId }) => {
  try {
    await releaseCallLine(bookingId, config.capacity);
  } catch (error) {
    if (!(error instanceof CapacityContendedError)) throw error;
    throw new TaskError(taskErrors.transient, error.message, { cause: error });
  }
  return {};
});
