import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { $set, DeleteItemCommand, UpdateItemCommand } from 'dynamodb-toolbox';
import { requireEnv } from '../config/env.ts';
import { envNames } from '../resources.ts';
import { BookingEventEntity, CallReportEntity, CallTokenEntity } from './entities.ts';
import { table } from './table.ts';

/** The prefix of a booking's contact look-up items (`BOOKING#<id>` / `CONTACT#…`). */
const contactPrefix = 'CONTACT#';

/**
 * Deletes every contact look-up item of the booking (`BOOKING#<id>` / `CONTACT#…`: the
 * parent's email and phone, kept so support can find the booking), whatever their shape.
 * Idempotent: a second pass finds none. Answers how many it deleted.
 */
export async function deleteContactItems(bookingId: string): Promise<number> {
  const client = table.getDocumentClient();
  const TableName = requireEnv(envNames.table);
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `BOOKING#${bookingId}`, ':prefix': contactPrefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      await client.send(new DeleteCommand({ TableName, Key: { pk: item.pk, sk: item.sk } }));
      deleted++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

/**
 * Replaces one audit event's detail (the trail is otherwise never rewritten): used only by
 * the erase, to drop a provider id whose record is deleted. Setting the same detail twice
 * ends the same, so a retried erase may repeat it.
 */
export async function replaceAuditDetail(
  bookingId: string,
  eventKey: string,
  detail: Record<string, string>,
): Promise<void> {
  await BookingEventEntity.build(UpdateItemCommand)
    .item({ bookingId, eventKey, detail: $set(detail) })
    .options({ condition: { attr: 'type', exists: true } })
    .send();
}

/**
 * Deletes the items keyed by a conversation id (the parked call token and an early call
 * report: `TOKEN#call#<id>`, `REPORT#call#<id>`), which would otherwise keep the id for their
 * two days. Deleting an item already gone is a no-op, so this may be repeated.
 */
export async function deleteCallCorrelations(conversationIds: readonly string[]): Promise<void> {
  for (const conversationId of conversationIds) {
    await CallTokenEntity.build(DeleteItemCommand).key({ conversationId }).send();
    await CallReportEntity.build(DeleteItemCommand).key({ conversationId }).send();
  }
}
