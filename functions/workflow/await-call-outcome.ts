import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { requireEnv } from '../config/env.ts';
import { envNames } from '../resources.ts';
import { logger } from '../shared/logger.ts';
import { callTokenKey } from './task-token-keys.ts';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tableName = requireEnv(envNames.table);

/** Tokens are kept two days: well past the call task's TimeoutSeconds, then DynamoDB's TTL removes them. */
const tokenLifetimeSeconds = 2 * 24 * 60 * 60;

export const awaitCallOutcomeInput = z.object({
  bookingId: z.string().min(1),
  taskToken: z.string().min(1).max(2048),
});
export type AwaitCallOutcomeInput = z.infer<typeof awaitCallOutcomeInput>;

/**
 * Parks the workflow's task token under the booking, so whoever learns the call's outcome can
 * resume the workflow. Idempotent: a retry overwrites the same item with the newest token.
 */
export async function handler(event: unknown): Promise<{ stored: true }> {
  const input = awaitCallOutcomeInput.parse(event);
  const now = Math.floor(Date.now() / 1000);
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...callTokenKey(input.bookingId),
        taskToken: input.taskToken,
        bookingId: input.bookingId,
        storedAt: new Date(now * 1000).toISOString(),
        expiresAt: now + tokenLifetimeSeconds,
      },
    }),
  );
  logger.info('call task token stored', { bookingId: input.bookingId });
  return { stored: true };
}
