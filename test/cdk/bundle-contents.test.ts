import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from './synth.ts';

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));

/** The npm packages a handler's bundle reaches (first-party modules followed, packages not). */
async function packagesOf(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [`${functionsDir}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return new Set(
    Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((i) => i.external).map((i) => i.path),
    ),
  );
}

describe('what the Lambda bundles carry', () => {
  const packages = new Map<string, Set<string>>();

  beforeAll(async () => {
    for (const definition of functionDefinitions) {
      packages.set(definition.name, await packagesOf(definition.entry));
    }
  }, 60_000);

  // The SDK client alone bundles to ≈ 5 MiB and takes ≈ 0.8 s of CPU and ≈ 220 MiB to import
  // (docs/benchmarks.md, "Lambda bundles"): it stays with `npm run agent:sync`.
  it('leave the ElevenLabs SDK out of every function', () => {
    const reaching = [...packages]
      .filter(([, used]) => [...used].some((p) => p.startsWith('@elevenlabs/elevenlabs-js')))
      .map(([name]) => name);

    expect(reaching).toEqual([]);
  });
});
