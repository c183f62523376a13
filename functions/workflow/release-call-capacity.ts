import { loadWorkflowConfig } from '../config/workflow-config.ts';
import { releaseCallLine } from '../data/call-capacity.ts';
import { runInput } from './run-input.ts';

const config = loadWorkflowConfig();

/** Gives the booking's line back; idempotent, and a lost release expires with its lease. */
export async function handler(event: unknown) {
  const { bookingId } = runInput.parse(event);
  await releaseCallLine(bookingId, config.capacity);
  return { released: true };
}
