import { fileURLToPath } from 'node:url';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { environmentOf, flatten, synthesize } from './synth.ts';

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));
const definitions = [...routes.map((route) => route.function), ...workflowTaskFunctions];

/** What the Lambda runtime itself sets; everything else comes from the template. */
const lambdaRuntime = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  LAMBDA_TASK_ROOT: '/var/task',
};

/** The test runner's own variables, which the worker needs to keep importing modules. */
const runnerVariable = /^(VITEST|TINYPOOL|NODE_ENV$|PATH$|HOME$|TMPDIR$|TZ$|POWERTOOLS_LOG_LEVEL$)/;

/**
 * Handlers that cannot start with the environment their access declaration gives them, and
 * the error they stop with. Each is a bug for the handler's owner; remove the entry with the
 * fix (this test then proves the function starts).
 */
const knownColdStartFailures: Readonly<Record<string, RegExp>> = {};

describe('every handler module', () => {
  let template: Template;
  let stack: CallSantaStack;
  const saved = { ...process.env };

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  afterEach(() => {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, saved);
    vi.resetModules();
  });

  /** Loads the handler as a cold start would: fresh modules, exactly the function's env. */
  async function coldStart(name: string, entry: string): Promise<unknown> {
    const fn = stack.api.functions.get(name) ?? stack.bookingWorkflow.functions.get(name);
    if (!fn) throw new Error(`No house function ${name}`);
    const environment = Object.fromEntries(
      Object.entries(environmentOf(template, fn)).map(([key, value]) => [key, flatten(value)]),
    );
    for (const key of Object.keys(process.env)) {
      if (!runnerVariable.test(key)) delete process.env[key];
    }
    Object.assign(process.env, lambdaRuntime, environment);
    vi.resetModules();
    const module = (await import(/* @vite-ignore */ `${functionsDir}${entry}`)) as {
      handler?: unknown;
    };
    return module.handler;
  }

  it.each(definitions.map((d) => [d.name, d.entry] as const))(
    '%s starts with the environment CDK gives it',
    async (name, entry) => {
      const known = knownColdStartFailures[name];

      const started = coldStart(name, entry);

      if (known) await expect(started).rejects.toThrow(known);
      else expect(typeof (await started)).toBe('function');
    },
  );
});
