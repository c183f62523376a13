import {
  DeleteTransaction,
  executeTransactWrite,
  type FormattedItem,
  GetItemCommand,
  PutTransaction,
  QueryCommand,
} from 'dynamodb-toolbox';
import { auditEventTransaction } from './audit-trail.ts';
import { BookingShareEntity, ShareLinkEntity } from './entities.ts';
import { table } from './table.ts';

export type StoredShare = FormattedItem<typeof ShareLinkEntity>;
export type BookingShare = FormattedItem<typeof BookingShareEntity>;

/** A new share: its ids, the booking it opens, and when it stops (epoch seconds). */
export interface NewShare {
  readonly tokenHash: string;
  readonly shareId: string;
  readonly bookingId: string;
  readonly createdAt: string;
  readonly expiresAt: number;
}

/**
 * Writes a share, its entry in the booking's list and the audit event in one transaction.
 * The share is written only if no share has this token hash (a 256-bit collision: never).
 */
export async function createShare(share: NewShare): Promise<void> {
  await executeTransactWrite(
    ShareLinkEntity.build(PutTransaction)
      .item(share)
      .options({ condition: { attr: 'tokenHash', exists: false } }),
    BookingShareEntity.build(PutTransaction).item(share),
    auditEventTransaction(share.bookingId, {
      type: 'share_created',
      detail: { shareId: share.shareId },
    }),
  );
}

/** The share a token's hash opens, if any (expired items may linger: the caller checks). */
export async function findShare(tokenHash: string): Promise<StoredShare | undefined> {
  const { Item } = await ShareLinkEntity.build(GetItemCommand)
    .key({ tokenHash })
    .options({ consistent: true })
    .send();
  return Item;
}

/** A booking's shares, oldest first (expired ones included: the caller filters). */
export async function listShares(bookingId: string): Promise<BookingShare[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(BookingShareEntity)
    .query({ partition: `BOOKING#${bookingId}`, range: { beginsWith: 'SHARE#' } })
    .options({ consistent: true, maxPages: Number.POSITIVE_INFINITY })
    .send();
  return [...Items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Revokes one share: deletes it and its list entry with the audit event, all or nothing.
 * Deleting is idempotent; the caller checks the share exists to answer 404 otherwise.
 */
export async function revokeShare(
  share: Pick<BookingShare, 'bookingId' | 'shareId' | 'tokenHash'>,
  reason: 'parent' | 'data_erased',
): Promise<void> {
  await executeTransactWrite(
    ShareLinkEntity.build(DeleteTransaction).key({ tokenHash: share.tokenHash }),
    BookingShareEntity.build(DeleteTransaction).key({
      bookingId: share.bookingId,
      shareId: share.shareId,
    }),
    auditEventTransaction(share.bookingId, {
      type: 'share_revoked',
      detail: { shareId: share.shareId, reason },
    }),
  );
}

/** Revokes every share of a booking (the child's data is being erased); answers how many. */
export async function revokeAllShares(bookingId: string): Promise<number> {
  const shares = await listShares(bookingId);
  for (const share of shares) await revokeShare(share, 'data_erased');
  return shares.length;
}
