import type { FunctionDefinition } from '../function-definition.ts';

/** A Lambda the booking workflow calls, named in the ASL by a `${substitution}`. */
export interface WorkflowTaskFunction extends FunctionDefinition {
  /** The `${...}` placeholder in the ASL that receives this function's ARN. */
  readonly substitution: string;
}

/**
 * The booking workflow's Lambda tasks. CDK creates each function and substitutes its ARN into
 * the ASL; the local Step Functions engine maps the same ARN to the same handler module.
 */
export const workflowTaskFunctions: readonly WorkflowTaskFunction[] = [
  {
    name: 'AwaitCallOutcome',
    substitution: 'AwaitCallOutcomeFunctionArn',
    entry: 'workflow/await-call-outcome.ts',
    access: { table: 'readWrite' },
  },
];
