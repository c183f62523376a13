import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type IndexDefinition, tableDefinition } from '../../functions/data/table-definition.ts';
import { prodContext, synthesize } from './synth.ts';

type GlobalTable = {
  Properties: {
    KeySchema: { AttributeName: string; KeyType: string }[];
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    GlobalSecondaryIndexes: {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
    }[];
    Replicas: {
      PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
      DeletionProtectionEnabled?: boolean;
    }[];
  };
  DeletionPolicy?: string;
};

function onlyTable(template: Template): GlobalTable {
  const tables = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  return tables[0] as GlobalTable;
}

const indexes: readonly IndexDefinition[] = tableDefinition.globalSecondaryIndexes;

describe('the single table', () => {
  let dev: Template;
  let prod: Template;

  beforeAll(() => {
    dev = synthesize().template;
    prod = synthesize(prodContext).template;
  }, 60_000);

  it('has the keys of tableDefinition', () => {
    // Arrange
    const { partitionKey, sortKey } = tableDefinition;

    // Act
    const table = onlyTable(dev);

    // Assert
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: partitionKey.name, KeyType: 'HASH' },
      { AttributeName: sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
        { AttributeName: sortKey.name, AttributeType: sortKey.type },
      ]),
    );
  });

  it('has exactly the GSIs of tableDefinition, each projecting all attributes', () => {
    // Arrange
    const expected = indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
    }));

    // Act
    const table = onlyTable(dev);

    // Assert
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected);
    for (const index of indexes) {
      for (const key of [index.partitionKey, index.sortKey].filter((k) => k !== undefined)) {
        expect(table.Properties.AttributeDefinitions).toContainEqual({
          AttributeName: key.name,
          AttributeType: key.type,
        });
      }
    }
  });

  it("finds bookings by the parent's contact through byContact, projecting only bookingId", () => {
    // Arrange
    const expected = {
      IndexName: 'byContact',
      KeySchema: [
        { AttributeName: 'contactKey', KeyType: 'HASH' },
        { AttributeName: 'createdAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['bookingId'] },
    };

    // Act
    const table = onlyTable(dev);

    // Assert
    expect(table.Properties.GlobalSecondaryIndexes).toContainEqual(expected);
    expect(table.Properties.AttributeDefinitions).toContainEqual({
      AttributeName: 'contactKey',
      AttributeType: 'S',
    });
  });

  it('expires items on the TTL attribute, bills on demand and is encrypted with KMS', () => {
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: {
        AttributeName: tableDefinition.timeToLiveAttribute,
        Enabled: true,
      },
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });

  it('has point-in-time recovery on', () => {
    const table = onlyTable(dev);

    expect(table.Properties.Replicas).toHaveLength(1);
    expect(table.Properties.Replicas[0]?.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
  });

  it('is retained and deletion-protected outside dev, and disposable in dev', () => {
    const devTable = onlyTable(dev);
    const prodTable = onlyTable(prod);

    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.Properties.Replicas[0]?.DeletionProtectionEnabled).toBe(true);
    prod.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    expect(prod.findResources('AWS::S3::Bucket', { DeletionPolicy: Match.not('Retain') })).toEqual(
      {},
    );
  });
});
