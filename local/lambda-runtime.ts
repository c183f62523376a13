import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../functions/function-definition.ts';
import { memoryMiBOf } from '../functions/function-memory.ts';
import { localArns } from './config.ts';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const functionsDir = resolve(import.meta.dirname, '../functions');
const defaultTimeoutSeconds = 30;

/** The error a timed-out invocation fails with, named as Lambda names it. */
export class LambdaTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`${functionName} timed out after ${seconds} seconds`);
    this.name = 'Sandbox.Timedout';
  }
}

/**
 * Runs Lambda handlers in this process, the way the Lambda runtime calls them: the handler
 * module's `handler` export with the event and a context, within the function's timeout.
 */
export class LocalLambdaRuntime {
  private readonly modules = new Map<string, Promise<LambdaHandler>>();

  async invoke(definition: FunctionDefinition, event: unknown): Promise<unknown> {
    const handler = await this.load(definition.entry);
    const timeoutSeconds = definition.timeoutSeconds ?? defaultTimeoutSeconds;
    const deadline = Date.now() + timeoutSeconds * 1000;
    const context = lambdaContext(definition, deadline);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LambdaTimeoutError(context.functionName, timeoutSeconds)),
        timeoutSeconds * 1000,
      );
    });
    try {
      return await Promise.race([handler(event, context), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(entry: string): Promise<LambdaHandler> {
    let loaded = this.modules.get(entry);
    if (!loaded) {
      loaded = import(pathToFileURL(resolve(functionsDir, entry)).href).then((module) => {
        if (typeof module.handler !== 'function') {
          throw new Error(`functions/${entry} has no exported handler function.`);
        }
        return module.handler as LambdaHandler;
      });
      this.modules.set(entry, loaded);
    }
    return loaded;
  }
}

function lambdaContext(definition: FunctionDefinition, deadline: number): Context {
  const functionName = `callsanta-local-${definition.name}`;
  const unsupported = () => {
    throw new Error('Callback-style completion is not used by CallSanta handlers.');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localArns.function(definition.name),
    memoryLimitInMB: String(memoryMiBOf(definition)),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
