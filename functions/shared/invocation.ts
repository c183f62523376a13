import type { Context } from 'aws-lambda';
import { withInvocationLogger } from './logger.ts';
import { withInvocationMetrics } from './metrics.ts';

/**
 * Runs one invocation of a handler with its own logger (its function's name, the booking id as
 * correlation id when known) and its own metrics buffer, flushed as EMF when it ends. Every
 * shared wrapper (HTTP, workflow task, scheduled operation) goes through this.
 */
export function invocation<T>(
  context: Context | undefined,
  bookingId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  return withInvocationLogger(context, bookingId, () => withInvocationMetrics(work));
}
