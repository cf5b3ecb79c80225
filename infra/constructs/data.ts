import { aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type KeyAttribute, projectionOf, TABLES, type TableDefinition } from '../../shared/store/tables.ts';
import type { StageConfig } from '../stage.ts';
import { TableBackups } from './backups.ts';

const ATTRIBUTE_TYPES = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
} as const satisfies Record<KeyAttribute['type'], dynamodb.AttributeType>;

const STREAM_VIEW_TYPES = {
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
} as const satisfies Record<NonNullable<TableDefinition['stream']>, dynamodb.StreamViewType>;

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: ATTRIBUTE_TYPES[key.type],
});

export interface DataProps {
  readonly stage: StageConfig;
}

/** The DynamoDB tables, generated from shared/store/tables.ts so the schema is written once. */
export class Data extends Construct {
  private readonly tables = new Map<string, dynamodb.TableV2>();

  constructor(scope: Construct, id: string, { stage }: DataProps) {
    super(scope, id);
    for (const definition of TABLES) {
      const table = new dynamodb.TableV2(this, definition.id, {
        // No physical name: CloudFormation names it, so stages and replacements never collide.
        partitionKey: attribute(definition.partitionKey),
        sortKey: attribute(definition.sortKey),
        globalSecondaryIndexes: definition.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: attribute(index.sortKey),
          // Projections follow the definition: an index that serves public reads carries only
          // the public fields, so a Query on it can never return an email.
          ...(({ type, nonKeyAttributes }) => ({
            projectionType: dynamodb.ProjectionType[type],
            ...(nonKeyAttributes ? { nonKeyAttributes } : {}),
          }))(projectionOf(index)),
        })),
        timeToLiveAttribute: definition.ttlAttribute,
        // The outbox relay reads it (infra/constructs/outbox.ts).
        ...(definition.stream ? { dynamoStream: STREAM_VIEW_TYPES[definition.stream] } : {}),
        billing: dynamodb.Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: stage.isProd,
        removalPolicy: stage.removalPolicy,
      });
      this.tables.set(definition.id, table);
    }
    if (stage.isProd) new TableBackups(this, 'Backups', { stage, tables: [...this.tables.values()] });
  }

  table(definition: TableDefinition): dynamodb.TableV2 {
    const table = this.tables.get(definition.id);
    if (!table) throw new Error(`No table for definition ${definition.id}`);
    return table;
  }
}
