/**
 * The single DynamoDB table, described once. CDK builds the real table from it and the local
 * cloud creates the same table in DynamoDB Local, so keys and indexes cannot drift apart.
 *
 * | item             | pk                              | sk                          |
 * |------------------|---------------------------------|-----------------------------|
 * | booking          | BOOKING#<id>                    | BOOKING                     |
 * | booking event    | BOOKING#<id>                    | EVENT#<iso time>#<ulid>     |
 * | processed webhook| WEBHOOK#<provider>#<event id>   | WEBHOOK                     |
 * | task token       | TOKEN#<kind>#<correlation id>   | TOKEN                       |
 * | early call report| REPORT#call#<conversation id>   | REPORT                      |
 * | instant counters | SLOTS#<UTC date>                | SLOT#<instant>              |
 * | place at instant | SLOT#<instant>                  | HOLD#<booking id>           |
 * | Santa's lines    | LINES#<pool>                    | LINES (leases, last start)  |
 * | due-call queue   | LINEQ                           | <due ISO>#<booking>#<attempt> |
 * | queue ticket     | LINEQ#<booking id>              | TICKET#<attempt>            |
 * | pricing          | PRICING                         | ACTIVE                      |
 * | affiliate        | AFFILIATE                       | <slug> (one partition lists all) |
 * | share link       | SHARE#<sha-256 of its token>    | SHARE                       |
 * | booking's share  | BOOKING#<id>                    | SHARE#<share id>            |
 * | booking's contact| BOOKING#<id>                    | CONTACT#email, CONTACT#phone|
 * | voice note claim | VOICENOTE#<voice note key>      | CLAIM (bookingIds: a set)   |
 *
 * Indexes are sparse: an item appears in one only when it carries that index's key attributes.
 */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly purpose: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /**
   * The attributes the index's query reads, besides the table's and the index's keys (which
   * DynamoDB always projects). Only these are copied into the index: never a child's details.
   */
  readonly projection: readonly string[];
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly timeToLiveAttribute: string;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
}

export const tableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      indexName: 'byAffiliate',
      purpose: "an affiliate's bookings in time order (payout reports)",
      partitionKey: { name: 'affiliateSlug', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
      projection: ['entity', 'bookingId', 'paymentStatus', 'totalCents'],
    },
    {
      indexName: 'byCallStatus',
      purpose: 'bookings in one call status by call time (the reconciler finds stuck ones)',
      partitionKey: { name: 'callStatus', type: 'S' },
      sortKey: { name: 'scheduledAt', type: 'S' },
      // What the reconciler's first look decides on (functions/core/reconcile.ts).
      projection: [
        'entity',
        'bookingId',
        'paymentStatus',
        'createdAt',
        'updatedAt',
        'paidAt',
        'paymentIntentId',
        'executionName',
        'confirmationEmailSentAt',
        'transcriptEmailSentAt',
        'notCompletedEmailSentAt',
        'dataErasedAt',
        'recoveryRuns',
        'supportNeededAt',
        'purchaseRecording',
        'videoStatus',
        'audioKey',
        'videoReadyEmailSentAt',
        'changeEmailOwed',
        'changeEmailOwedAt',
      ],
    },
    {
      indexName: 'byContact',
      purpose:
        "a booking found by the parent's email or phone (the support tool; erase deletes the items)",
      // `email#<sha-256 hex>` / `phone#<sha-256 hex>` (functions/core/contact-key.ts): the index
      // holds no address or number, only their hashes.
      partitionKey: { name: 'contactKey', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
      projection: ['bookingId'],
    },
  ],
} as const satisfies TableDefinition;
