import { fileURLToPath } from 'node:url';
import type { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createElevenLabsAdapter } from '../../functions/adapters/elevenlabs.ts';
import type { FunctionDefinition } from '../../functions/function-definition.ts';
import { scheduledFunctions } from '../../functions/operations/operation-functions.ts';
import { routes } from '../../functions/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { environmentOf, flatten, houseFunctionNamed, houseFunctions, synthesize } from './synth.ts';

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));
const definitions = [
  ...routes.map((route) => route.function),
  ...workflowTaskFunctions,
  ...scheduledFunctions,
];

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
    const fn = houseFunctionNamed(stack, name) ?? stack.operations.functions.get(name);
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

describe('the handler table', () => {
  it('lists every house function of the stack, so each one is cold-started above', () => {
    const { stack } = synthesize();

    const deployed = houseFunctions(stack).map(([name]) => name);

    expect(deployed.sort()).toEqual(definitions.map((d) => d.name).sort());
  }, 60_000);
});

describe('the ElevenLabs adapter', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  /** The function's environment plus the API key, as functions/adapters/elevenlabs-account.ts adds it. */
  function adapterEnvironment(name: string): Record<string, string> {
    const fn = houseFunctionNamed(stack, name) ?? stack.operations.functions.get(name);
    if (!fn) throw new Error(`No house function ${name}`);
    const environment = Object.fromEntries(
      Object.entries(environmentOf(template, fn)).map(([key, value]) => [key, flatten(value)]),
    );
    return { ...environment, ELEVENLABS_API_KEY: 'the elevenLabsApiKey of the app secret' };
  }

  it.each(definitions.filter((d) => d.access.elevenLabs).map((d) => d.name))(
    'can be made from the environment CDK gives %s',
    (name) => {
      const environment = adapterEnvironment(name);

      const make = () => createElevenLabsAdapter(environment);

      expect(make).not.toThrow();
    },
  );

  it('cannot be made from the environment of a function without elevenLabs', () => {
    const other = definitions.find((d) => !d.access.elevenLabs);
    if (!other) throw new Error('Every function declares elevenLabs');
    const environment = adapterEnvironment(other.name);

    const make = () => createElevenLabsAdapter(environment);

    expect(make).toThrow(/ELEVENLABS_AGENT_ID/);
  });
});

/**
 * The first-party modules a handler bundles (npm packages left out), as esbuild resolves them:
 * what the handler can reach at run time, whether or not its module loads them eagerly.
 */
async function bundledModules(definition: FunctionDefinition): Promise<string[]> {
  const result = await build({
    entryPoints: [`${functionsDir}${definition.entry}`],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('every handler module’s imports', () => {
  const modules = new Map<string, string[]>();

  beforeAll(async () => {
    for (const definition of definitions) {
      modules.set(definition.name, await bundledModules(definition));
    }
  }, 60_000);

  const uses = (name: string, module: string) =>
    (modules.get(name) ?? []).some((input) => input.endsWith(module));

  // Both are used lazily (on the first request), so a cold start alone would not catch a
  // handler that needs them without its declaration: it would fail on its first real call.
  it('read the app secret exactly when their access declares secrets', () => {
    const readers = definitions.filter((d) => uses(d.name, 'functions/config/secrets.ts'));

    expect(readers.map((d) => d.name).sort()).toEqual(
      definitions
        .filter((d) => d.access.secrets)
        .map((d) => d.name)
        .sort(),
    );
  });

  it('reach the ElevenLabs adapter exactly when their access declares elevenLabs', () => {
    const callers = definitions.filter((d) => uses(d.name, 'functions/adapters/elevenlabs.ts'));

    expect(callers.map((d) => d.name).sort()).toEqual(
      definitions
        .filter((d) => d.access.elevenLabs)
        .map((d) => d.name)
        .sort(),
    );
  });
});
