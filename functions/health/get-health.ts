import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bucketName, probeBucket } from '../adapters/s3-client.ts';
import { requireEnv } from '../config/env.ts';
import { traced } from '../config/tracing.ts';
import { bucketIds, envNames } from '../resources.ts';
import type { Health } from '../schemas/api/health.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';

const dynamo = traced(new DynamoDBClient({}));
const tableName = requireEnv(envNames.table);
// Read at start: a function missing a bucket's name stops at its cold start, not at a probe.
for (const id of bucketIds) bucketName(id);

/** True when the dependency answers; the failure's name is logged, never its payload. */
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

/** GET /api/health: 200 only when the table and every bucket answer. */
export const handler = httpHandler(async () => {
  const checks = await Promise.all([
    answers('table', () => dynamo.send(new DescribeTableCommand({ TableName: tableName }))),
    ...bucketIds.map((id) => answers(`bucket:${id}`, () => probeBucket(id))),
  ]);
  return checks.every(Boolean)
    ? jsonResponse(200, { status: 'ok' } satisfies Health)
    : jsonResponse(503, { status: 'unavailable' } satisfies Health);
});
