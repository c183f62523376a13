import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { callPathFunctions, memorySizing } from '../../functions/function-memory.ts';
import type { CallSantaStack } from '../../lib/callsanta-stack.ts';
import { functionDefinitions, houseFunctionNamed, logicalId, synthesize } from './synth.ts';

describe('Lambda memory (functions/function-memory.ts)', () => {
  let template: Template;
  let stack: CallSantaStack;

  beforeAll(() => {
    ({ template, stack } = synthesize());
  }, 60_000);

  function memoryOf(name: string): number {
    const fn = houseFunctionNamed(stack, name);
    if (!fn) throw new Error(`No house function ${name}`);
    const resource = template.toJSON().Resources[logicalId(fn.function)] as {
      Properties: { MemorySize: number };
    };
    return resource.Properties.MemorySize;
  }

  it.each([...callPathFunctions])('gives the call-path function %s one vCPU', (name) => {
    expect(memoryOf(name)).toBe(memorySizing.callPathMiB);
  });

  it('names only functions the stack deploys as the call path', () => {
    const deployed = new Set(functionDefinitions.map((d) => d.name));

    expect([...callPathFunctions].filter((name) => !deployed.has(name))).toEqual([]);
  });

  it.each(
    functionDefinitions.filter((d) => !callPathFunctions.has(d.name)).map((d) => [d.name, d]),
  )('gives %s its own memory or 256 MB, whichever is more', (name, definition) => {
    expect(memoryOf(name)).toBe(Math.max(definition.memoryMiB ?? 0, memorySizing.minimumMiB));
  });
});
