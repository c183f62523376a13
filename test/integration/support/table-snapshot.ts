import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localResourceNames } from '../../../local/config.ts';

/** A value's JSON with object keys sorted, so equal items print equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

/**
 * Every item of the local cloud's table, canonical and sorted: two snapshots are equal only
 * when nothing was written, added or deleted in between. Needs a started local cloud (its
 * endpoint variables point the SDK at DynamoDB Local).
 */
export async function tableSnapshot(): Promise<string[]> {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: localResourceNames.table, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).map(canonical));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort();
}
