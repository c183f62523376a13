import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  type IndexDefinition,
  type KeyAttribute,
  tableDefinition,
} from '../functions/data/table-definition.ts';

export interface DataProps {
  /** RETAIN outside dev: bookings, audit trails and payments must survive a bad deploy. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

const indexes: readonly IndexDefinition[] = tableDefinition.globalSecondaryIndexes;

/** The single table, built from the shared `tableDefinition` the local cloud also uses. */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: attribute(tableDefinition.partitionKey),
      sortKey: attribute(tableDefinition.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      // The AWS managed key, rather than DynamoDB's own, puts every key use in CloudTrail.
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      globalSecondaryIndexes: indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.projection],
      })),
    });
  }
}
