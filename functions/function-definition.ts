import type { ResourceAccess } from './resources.ts';

/** One Lambda function: where its handler lives and what it may touch. */
export interface FunctionDefinition {
  /** Stable name, used for the CDK construct id and the local function name. */
  readonly name: string;
  /** Handler module, relative to `functions/`; it exports `handler`. */
  readonly entry: string;
  readonly access: ResourceAccess;
  readonly timeoutSeconds?: number;
  /** MB, when it needs more than `memoryMiBOf` in `function-memory.ts` gives it. */
  readonly memoryMiB?: number;
}
