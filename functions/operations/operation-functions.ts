import type { FunctionDefinition } from '../function-definition.ts';

/** A function that runs on a timer rather than on a request or a workflow step. */
export interface ScheduledFunction extends FunctionDefinition {
  /** How often it runs, in seconds (an EventBridge Scheduler `rate()` in AWS). */
  readonly everySeconds: number;
}

/**
 * The reconciler: every five minutes it finds bookings stuck in a state and resolves them
 * (`operations/reconcile-bookings.ts`). It may arm calls and start recovery runs, read how
 * executions stand, ask Stripe about payments, and send the confirmation a lost webhook owed.
 */
export const reconcilerFunction: ScheduledFunction = {
  name: 'ReconcileBookings',
  entry: 'operations/reconcile-bookings.ts',
  access: {
    table: 'readWrite',
    workflow: ['start', 'describe'],
    schedules: true,
    email: true,
    secrets: ['stripe', 'access-token'],
  },
  timeoutSeconds: 300,
  everySeconds: 300,
};

/** Every scheduled function; CDK schedules each and the local cloud runs each on an interval. */
export const scheduledFunctions: readonly ScheduledFunction[] = [reconcilerFunction];
