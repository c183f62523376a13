import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Table } from 'dynamodb-toolbox';
import { requireEnv } from '../config/env.ts';
import { traced } from '../config/tracing.ts';
import { envNames } from '../resources.ts';
import { tableDefinition } from './table-definition.ts';

const documentClient = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

const [byAffiliate, byCallStatus, byContact] = tableDefinition.globalSecondaryIndexes;

/** The one table, as dynamodb-toolbox sees it; its name is read when first used. */
export const table = new Table({
  documentClient,
  name: () => requireEnv(envNames.table),
  partitionKey: { name: tableDefinition.partitionKey.name, type: 'string' },
  sortKey: { name: tableDefinition.sortKey.name, type: 'string' },
  indexes: {
    byAffiliate: {
      type: 'global',
      partitionKey: { name: byAffiliate.partitionKey.name, type: 'string' },
      sortKey: { name: byAffiliate.sortKey.name, type: 'string' },
    },
    byCallStatus: {
      type: 'global',
      partitionKey: { name: byCallStatus.partitionKey.name, type: 'string' },
      sortKey: { name: byCallStatus.sortKey.name, type: 'string' },
    },
    byContact: {
      type: 'global',
      partitionKey: { name: byContact.partitionKey.name, type: 'string' },
      sortKey: { name: byContact.sortKey.name, type: 'string' },
    },
  },
  entityAttributeSavedAs: 'entity',
});
