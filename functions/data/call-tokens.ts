import { GetItemCommand, PutItemCommand, PutTransaction } from 'dynamodb-toolbox';
import type { ReportedOutcome } from '../core/call-outcome.ts';
import { CallReportEntity, CallTokenEntity } from './entities.ts';

/** Parked tokens and early reports are kept two days, far past any call; then TTL removes them. */
export const callCorrelationLifetimeSeconds = 2 * 24 * 60 * 60;

/** The workflow task token parked for a conversation, read consistently; undefined if none. */
export async function findCallToken(conversationId: string) {
  const { Item } = await CallTokenEntity.build(GetItemCommand)
    .key({ conversationId })
    .options({ consistent: true })
    .send();
  return Item;
}

/** Keeps a call's outcome that came before its task token was parked (last report wins). */
export async function saveEarlyCallReport(
  conversationId: string,
  outcome: ReportedOutcome,
  now = new Date(),
): Promise<void> {
  await CallReportEntity.build(PutItemCommand)
    .item({
      conversationId,
      outcome,
      reportedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + callCorrelationLifetimeSeconds,
    })
    .send();
}

/** A call's outcome reported before its token was parked, read consistently; undefined if none. */
export async function findEarlyCallReport(conversationId: string) {
  const { Item } = await CallReportEntity.build(GetItemCommand)
    .key({ conversationId })
    .options({ consistent: true })
    .send();
  return Item;
}

/**
 * The write that parks a workflow task token under a conversation id, to join the booking's
 * `in_progress` change in one transaction (see `changeBookingFromWorkflow`'s `alongside`).
 */
export function parkCallTokenTransaction(token: {
  readonly conversationId: string;
  readonly bookingId: string;
  readonly taskToken: string;
  readonly attempt: number;
  readonly now: Date;
}) {
  return CallTokenEntity.build(PutTransaction).item({
    conversationId: token.conversationId,
    bookingId: token.bookingId,
    taskToken: token.taskToken,
    attempt: token.attempt,
    storedAt: token.now.toISOString(),
    expiresAt: Math.floor(token.now.getTime() / 1000) + callCorrelationLifetimeSeconds,
  });
}
