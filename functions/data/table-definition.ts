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
 * | call capacity    | CAPACITY#<pool>                 | CAPACITY / lease items      |
 * | pricing          | PRICING                         | ACTIVE                      |
 * | affiliate        | AFFILIATE                       | <slug> (one partition lists all) |
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
      indexName: 'byConversation',
      purpose: 'ElevenLabs conversation id → booking (webhooks correlate by it)',
      partitionKey: { name: 'conversationId', type: 'S' },
    },
    {
      indexName: 'byAffiliate',
      purpose: "an affiliate's bookings in time order (payout reports)",
      partitionKey: { name: 'affiliateSlug', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
    },
    {
      indexName: 'byCallStatus',
      purpose: 'bookings in one call status by scheduled time (ops queries, re-arming schedules)',
      partitionKey: { name: 'callStatus', type: 'S' },
      sortKey: { name: 'scheduledAt', type: 'S' },
    },
    {
      indexName: 'byParentEmail',
      purpose: "a parent's bookings (support look-up); the key is the normalised email",
      partitionKey: { name: 'parentEmailKey', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
    },
  ],
} as const satisfies TableDefinition;
