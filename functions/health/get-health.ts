import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bucketName, probeBucket } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { configuredSecrets, readSecret } from '../config/secrets.ts';
import { traced } from '../config/tracing.ts';
import { bucketIds, envNames } from '../resources.ts';
import type { Health } from '../schemas/api/health.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';

const dynamo = traced(new DynamoDBClient({}));
const tableName = requireEnv(envNames.table);
// Read at start: a function missing a bucket's name stops at its cold start, not at a probe.
for (const id of bucketIds) bucketName(id);

/**
 * True when the dependency answers; the failure's name is logged, never its payload (a
 * `SecretNotReadyError`'s message names the secret and keys only, but its name is enough here).
 */
async function answers(name: string, probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    logger.warn('health check failed', {
      dependency: name,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return false;
  }
}

/**
 * GET /api/health: 200 only when the table and every bucket answer and every secret is ready
 * (real values, well formed: `readSecret`); else 503 naming what is not. The secrets are read
 * to be checked, never answered or logged.
 */
export const handler = httpHandler(async () => {
  const checks: [string, () => Promise<unknown>][] = [
    ['table', () => dynamo.send(new DescribeTableCommand({ TableName: tableName }))],
    ...bucketIds.map((id): [string, () => Promise<unknown>] => [
      `bucket:${id}`,
      () => probeBucket(id),
    ]),
    ...configuredSecrets().map((name): [string, () => Promise<unknown>] => [
      `secret:${name}`,
      () => readSecret(name),
    ]),
  ];
  const results = await Promise.all(checks.map(([name, probe]) => answers(name, probe)));
  const problems = checks.filter((_, index) => !results[index]).map(([name]) => name);
  return problems.length === 0
    ? jsonResponse(200, { status: 'ok' } satisfies Health)
    : jsonResponse(503, { status: 'unavailable', problems } satisfies Health);
});
