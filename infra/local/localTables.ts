import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  createTableInput,
  type globalIndexes,
  TABLES,
  type TableDefinition,
} from '../../shared/store/tables.ts';

/**
 * The tables of shared/store/tables.ts in a DynamoDB Local (see dynamo.ts for the process):
 * created when missing, and brought up to date (streams, TTL, indexes) when a release changes them.
 */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * Creates every table of shared/store/tables.ts that does not exist yet, named `${prefix}-${id}`.
 * Returns the names by definition id.
 */
export async function ensureTables(endpoint: string, prefix: string): Promise<Record<string, string>> {
  const client = localClient(endpoint);
  try {
    const existing = new Set<string>();
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      for (const name of page.TableNames ?? []) existing.add(name);
      start = page.LastEvaluatedTableName;
    } while (start);
    const names: Record<string, string> = {};
    for (const table of TABLES) {
      const name = tableName(prefix, table);
      names[table.id] = name;
      if (existing.has(name)) {
        await ensureStream(client, table, name);
        await ensureIndexes(client, table, name);
        continue;
      }
      await client.send(new CreateTableCommand(createTableInput(table, name)));
      if (table.ttlAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
          }),
        );
      }
    }
    return names;
  } finally {
    client.destroy();
  }
}

/** A table kept in .local/dynamodb from before it had a stream gets one (the outbox reads it). */
async function ensureStream(client: DynamoDBClient, table: TableDefinition, name: string): Promise<void> {
  if (!table.stream) return;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(
    new UpdateTableCommand({
      TableName: name,
      StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
    }),
  );
}

/**
 * A table kept in .local/dynamodb is brought to its definition's indexes, one index per update as
 * DynamoDB requires: an index no longer defined is dropped (as a deploy drops it), one defined
 * since is built. Items stored before carry none of a new index's attributes until they are
 * written again; the attributes of a dropped one stay on them, unread.
 */
async function ensureIndexes(client: DynamoDBClient, table: TableDefinition, name: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Map((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const wanted = createTableInput(table, name);
  const defined = new Set((wanted.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const indexName of present.keys()) {
    if (indexName !== undefined && !defined.has(indexName)) await dropIndex(client, name, indexName);
  }
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    const existing = present.get(index.IndexName);
    if (existing && sameIndex(existing, index)) continue;
    // A definition changed (its keys or projection): DynamoDB cannot alter an index, so it is
    // dropped and built again from the items, as a deploy would replace it.
    if (existing) await dropIndex(client, name, index.IndexName);
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: wanted.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    // One index at a time per table: the next waits until this one is built.
    await waitForIndex(client, name, index.IndexName, (status) => status === 'ACTIVE');
  }
}

async function dropIndex(client: DynamoDBClient, name: string, indexName: string): Promise<void> {
  await client.send(
    new UpdateTableCommand({
      TableName: name,
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }],
    }),
  );
  await waitForIndex(client, name, indexName, (status) => status === undefined);
}

type WantedIndex = ReturnType<typeof globalIndexes>[number];
interface DescribedIndex {
  KeySchema?: { AttributeName?: string; KeyType?: string }[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

/** Whether a described index has the keys and projection its definition asks for. */
function sameIndex(existing: DescribedIndex, wanted: WantedIndex): boolean {
  const keys = (schema: DescribedIndex['KeySchema']) =>
    (schema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
  const attributes = (names: readonly string[] | undefined) => [...(names ?? [])].sort().join(',');
  const projection = wanted.Projection as DescribedIndex['Projection'];
  return (
    keys(existing.KeySchema) === keys(wanted.KeySchema) &&
    existing.Projection?.ProjectionType === projection?.ProjectionType &&
    attributes(existing.Projection?.NonKeyAttributes) === attributes(projection?.NonKeyAttributes)
  );
}

async function waitForIndex(
  client: DynamoDBClient,
  name: string,
  indexName: string,
  done: (status: string | undefined) => boolean,
): Promise<void> {
  const since = Date.now();
  for (;;) {
    const { Table: now } = await client.send(new DescribeTableCommand({ TableName: name }));
    const status = now?.GlobalSecondaryIndexes?.find((i) => i.IndexName === indexName)?.IndexStatus;
    if (done(status)) return;
    if (Date.now() - since > 300_000)
      throw new Error(`Index ${indexName} of ${name} is still ${status ?? 'absent'} after five minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const tableName = (prefix: string, table: TableDefinition) => `${prefix}-${table.id}`;
