/**
 * The Lambda bundles: every house function bundled exactly as CDK bundles it (`houseBundling`
 * in `lib/house-bundling.ts`, the esbuild arguments `NodejsFunction` derives from it), then per
 * function: bundle size (raw and gzipped, bytes), cold import (wall and CPU milliseconds, median
 * of `--runs` fresh `node` processes with the environment and `NODE_OPTIONS` CDK sets), and memory
 * right after the import (RSS and V8 heap used, MiB, medians of the same processes).
 *
 * With `--before <checkout>` (a clean worktree of another commit, e.g. main) that checkout's
 * functions are bundled with its own `lib/house-bundling.ts` (or, for checkouts older than that
 * file, the options main had inline in `lib/house-function.ts`) and measured in the same rounds,
 * interleaved with ours, so both columns see the same neighbours' load.
 *
 * Run: `npm run bench:bundles -- [--runs 7] [--before ../callsanta-before]
 * [--only PlaceCall,GetBooking] [--packages]` (docs/benchmarks.md, "Lambda bundles"). Prints
 * figures only; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import type { FunctionDefinition } from '../functions/function-definition.ts';
import {
  callPathFunctions as callPath,
  memoryMiBOf,
  memorySizing,
} from '../functions/function-memory.ts';
import { esbuildOptionsOf, houseBundling } from '../lib/house-bundling.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The project's Node 24 (the line of Lambda's nodejs24.x), whatever runs this script. */
const node = join(repoRoot, 'node_modules/.bin/node');

/**
 * What Lambda and CDK put in a function's environment, with stand-in values: every handler
 * module reads only names and ids at import time (no request leaves the process).
 */
const lambdaEnvironment: Readonly<Record<string, string>> = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  LAMBDA_TASK_ROOT: '/var/task',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'callsanta',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  TABLE_NAME: 'callsanta-bench',
  VOICE_NOTES_BUCKET: 'bench-voice-notes',
  RECORDINGS_BUCKET: 'bench-recordings',
  VIDEOS_BUCKET: 'bench-videos',
  BOOKING_WORKFLOW_ARN: 'arn:aws:states:eu-west-1:111111111111:stateMachine:bench',
  SCHEDULE_GROUP_NAME: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/bench',
  SCHEDULE_DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111111111111:bench',
  EMAIL_FROM_ADDRESS: 'santa@callsanta.example',
  STRIPE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench-stripe',
  ELEVENLABS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench-elevenlabs',
  REMOTION_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench-remotion',
  ACCESS_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:bench-token',
  ELEVENLABS_AGENT_ID: 'agent_bench',
  ELEVENLABS_PHONE_NUMBER_ID: 'phnum_bench',
  REMOTION_FUNCTION_NAME: 'remotion-render-bench',
  REMOTION_SERVE_URL: 'https://bench.example/site',
  REMOTION_REGION: 'eu-west-1',
  REMOTION_RENDER_BUCKET: 'remotionlambda-bench',
  REMOTION_MAX_LAMBDAS: '4',
  PUBLIC_SITE_URL: 'https://www.callsanta.example',
};

/**
 * The bundling options of checkouts older than `lib/house-bundling.ts` (written inline in
 * `lib/house-function.ts` up to commit e57a24e): no `define`, no `externalModules`.
 */
const bundlingBeforeHouseBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: houseBundling.banner,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  bundleAwsSDK: true,
};

/** One checkout's functions and how it bundles them. */
interface Checkout {
  readonly label: string;
  readonly root: string;
  readonly bundling: BundlingOptions;
  readonly functions: readonly FunctionDefinition[];
}

async function loadCheckout(label: string, root: string): Promise<Checkout> {
  const load = async <T>(path: string) => (await import(pathToFileURL(join(root, path)).href)) as T;
  const { routes } = await load<typeof import('../functions/routes.ts')>('functions/routes.ts');
  const { workflowTaskFunctions } = await load<
    typeof import('../functions/workflow/task-functions.ts')
  >('functions/workflow/task-functions.ts');
  const { scheduledFunctions } = await load<
    typeof import('../functions/operations/operation-functions.ts')
  >('functions/operations/operation-functions.ts');
  const bundlingFile = join(root, 'lib/house-bundling.ts');
  const bundling = existsSync(bundlingFile)
    ? (await load<typeof import('../lib/house-bundling.ts')>('lib/house-bundling.ts')).houseBundling
    : bundlingBeforeHouseBundling;
  return {
    label,
    root,
    bundling,
    functions: [
      ...routes.map((route) => route.function),
      ...workflowTaskFunctions,
      ...scheduledFunctions,
    ],
  };
}

interface Bundle {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Bytes in the output per npm package (`src` for our own code). */
  readonly packages: ReadonlyMap<string, number>;
}

function packagesOf(metafile: Metafile): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'src';
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return sizes;
}

async function bundle(checkout: Checkout, fn: FunctionDefinition, outdir: string) {
  const entry = join(checkout.root, 'functions', fn.entry);
  const options = esbuildOptionsOf(checkout.bundling, entry, outdir);
  const result = await build({ ...options, metafile: true, logLevel: 'error' });
  const file = options.outfile ?? '';
  const code = await readFile(file);
  return {
    file,
    bytes: (await stat(file)).size,
    gzipBytes: gzipSync(code).length,
    packages: result.metafile ? packagesOf(result.metafile) : new Map(),
  } satisfies Bundle;
}

/** Imports one module in this process and prints what it cost, as JSON. */
const probeSource = `
const started = performance.now();
const cpu = process.cpuUsage();
let error;
try { await import(process.argv[2]); } catch (e) { error = String(e?.message ?? e).slice(0, 200); }
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - started;
const memory = process.memoryUsage();
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000,
  rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, error }));
`;

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly error?: string;
}

function probe(probeFile: string, moduleFile: string): Sample {
  const run = spawnSync(node, [probeFile, pathToFileURL(moduleFile).href], {
    env: lambdaEnvironment,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`probe of ${moduleFile} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Sample;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Figures {
  readonly bundle: Bundle;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly heapMiB: number;
  readonly error?: string;
}

function figuresOf(bundle: Bundle, samples: readonly Sample[]): Figures {
  const mib = 1024 * 1024;
  const error = samples.find((s) => s.error)?.error;
  return {
    bundle,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    rssMiB: median(samples.map((s) => s.rssBytes)) / mib,
    heapMiB: median(samples.map((s) => s.heapUsedBytes)) / mib,
    ...(error ? { error } : {}),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ratio = (after: number, before: number) => `${(after / before).toFixed(2)}×`;

function pair(before: string | undefined, after: string, r?: string): string {
  return before === undefined ? after : `${before} → ${after}${r ? ` (${r})` : ''}`;
}

/**
 * A row of the table; `before` is absent when no `--before` checkout was given. `memory` is the
 * function's Lambda memory setting (MB) in each checkout; `!` marks an RSS after import above
 * memory ÷ `memorySizing.headroomFactor`.
 */
function row(
  name: string,
  after: Figures,
  before: Figures | undefined,
  memory: { before?: number; after: number },
): string[] {
  const b = before;
  const tight = after.rssMiB * memorySizing.headroomFactor > memory.after ? ' !' : '';
  return [
    `${callPath.has(name) ? '★ ' : ''}${name}`,
    pair(
      b && kib(b.bundle.bytes),
      kib(after.bundle.bytes),
      b && ratio(after.bundle.bytes, b.bundle.bytes),
    ),
    pair(b && kib(b.bundle.gzipBytes), kib(after.bundle.gzipBytes)),
    pair(b?.wallMs.toFixed(0), after.wallMs.toFixed(0), b && ratio(after.wallMs, b.wallMs)),
    pair(b?.cpuMs.toFixed(0), after.cpuMs.toFixed(0), b && ratio(after.cpuMs, b.cpuMs)),
    pair(b?.rssMiB.toFixed(0), after.rssMiB.toFixed(0)),
    pair(b?.heapMiB.toFixed(1), after.heapMiB.toFixed(1)),
    `${pair(b && memory.before?.toString(), memory.after.toString())}${tight}`,
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      before: { type: 'string' },
      only: { type: 'string' },
      packages: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const after = await loadCheckout('after', repoRoot);
  const before = values.before ? await loadCheckout('before', resolve(values.before)) : undefined;
  const names = after.functions.map((f) => f.name).filter((name) => !only || only.has(name));

  const workDir = await mkdtemp(join(tmpdir(), 'callsanta-bench-bundles-'));
  const probeFile = join(workDir, 'probe.mjs');
  await writeFile(probeFile, probeSource);
  const emptyFile = join(workDir, 'empty.mjs');
  await writeFile(emptyFile, 'export {};\n');

  type Measured = { bundle: Bundle; samples: Sample[] };
  const measured = new Map<string, Measured>();
  const key = (checkout: Checkout, name: string) => `${checkout.label}:${name}`;
  const checkouts = before ? [before, after] : [after];
  console.log(`bundling ${names.length} functions × ${checkouts.length} checkout(s)…`);
  for (const checkout of checkouts) {
    for (const name of names) {
      const fn = checkout.functions.find((f) => f.name === name);
      if (!fn) continue;
      const outdir = join(workDir, checkout.label, name);
      await mkdir(outdir, { recursive: true });
      measured.set(key(checkout, name), {
        bundle: await bundle(checkout, fn, outdir),
        samples: [],
      });
    }
  }

  // Round-robin: every bundle once per round, so slow spells of the shared machine spread
  // over all of them instead of landing on a few.
  const baseline: Sample[] = [];
  for (let round = 0; round < runs; round++) {
    baseline.push(probe(probeFile, emptyFile));
    for (const entry of measured.values()) entry.samples.push(probe(probeFile, entry.bundle.file));
    process.stdout.write(`round ${round + 1}/${runs} done\n`);
  }

  const empty = figuresOf(
    { file: emptyFile, bytes: 0, gzipBytes: 0, packages: new Map() },
    baseline,
  );
  console.log(
    `\nNode ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${runs} fresh processes per bundle (medians); ` +
      `an empty module: import ${empty.wallMs.toFixed(1)} ms, RSS ${empty.rssMiB.toFixed(0)} MiB, heap ${empty.heapMiB.toFixed(1)} MiB. ★ = call path; ` +
      `! = RSS after import above memory ÷ ${memorySizing.headroomFactor} (functions/function-memory.ts).\n`,
  );
  const figures = (checkout: Checkout | undefined, name: string) => {
    const entry = checkout && measured.get(key(checkout, name));
    return entry && figuresOf(entry.bundle, entry.samples);
  };
  const rows: string[][] = [];
  const ordered = [
    ...names.filter((n) => callPath.has(n)),
    ...names.filter((n) => !callPath.has(n)),
  ];
  for (const name of ordered) {
    const a = figures(after, name);
    if (!a) continue;
    const b = figures(before, name);
    const definition = (checkout: Checkout | undefined) =>
      checkout?.functions.find((f) => f.name === name);
    const afterDefinition = definition(after);
    const beforeDefinition = definition(before);
    if (!afterDefinition) continue;
    rows.push(
      row(name, a, b, {
        after: memoryMiBOf(afterDefinition),
        // Before function-memory.ts: a function's own memoryMiB, else 256.
        ...(beforeDefinition ? { before: beforeDefinition.memoryMiB ?? 256 } : {}),
      }),
    );
    for (const f of [b, a]) {
      if (f?.error) console.log(`! ${name}: import failed: ${f.error}`);
    }
  }
  const arrow = before ? ' before → after' : '';
  printTable(
    [
      'function',
      `bundle${arrow}`,
      'gzipped',
      'import ms',
      'import CPU ms',
      'RSS MiB',
      'heap MiB',
      'memory MB',
    ],
    rows,
  );

  if (values.packages) {
    console.log('\nLargest packages in each bundle (bytes in the output):');
    for (const name of ordered) {
      for (const checkout of checkouts) {
        const entry = measured.get(key(checkout, name));
        if (!entry) continue;
        const top = [...entry.bundle.packages]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 8)
          .map(([pkg, bytes]) => `${pkg} ${kib(bytes)}`)
          .join(', ');
        console.log(`${name} (${checkout.label}): ${top}`);
      }
    }
  }
  await rm(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
