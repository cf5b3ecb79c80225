import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageKey } from './cursor.ts';
import type { IndexPartition } from './keys.ts';
import { indexOf, type TableDefinition } from './tables.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Page<T> {
  items: T[];
  lastKey: PageKey | undefined;
}

/** DynamoDB's LastEvaluatedKey holds only key attributes: strings and numbers on our tables. */
export const pageKeyOf = (key: Record<string, unknown> | undefined) => key as PageKey | undefined;

/**
 * Every page of a Query, in order: it follows LastEvaluatedKey until DynamoDB says there is no
 * more. Stopping early (`break`) sends no further request. For work done page by page (deleting,
 * counting) or cut short; `queryAll` when the items are simply wanted together.
 */
export async function* queryPages(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<QueryCommandOutput> {
  let startKey: PageKey | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page;
    startKey = pageKeyOf(page.LastEvaluatedKey);
  } while (startKey);
}

/** Every item a Query finds, across all its pages (each read as DynamoDB returns it: parse before use). */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(db, input)) items.push(...(page.Items ?? []));
  return items;
}

export interface IndexQuery extends QueryCommandInput {
  IndexName: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * A Query on one partition of an index. The key attribute's name comes from the table definition,
 * so the index and its attribute cannot drift apart.
 */
export function indexQuery<T extends TableDefinition>(
  table: T,
  tableName: string,
  partition: IndexPartition<T>,
): IndexQuery {
  const index = indexOf(table, partition.index);
  return {
    TableName: tableName,
    IndexName: index.name,
    KeyConditionExpression: '#p = :p',
    ExpressionAttributeNames: { '#p': index.partitionKey.name },
    ExpressionAttributeValues: { ':p': partition.value },
  };
}

/**
 * Where a Query on an index stopped, for an item of it: the table's keys and the index's, as
 * DynamoDB's own LastEvaluatedKey would name them.
 */
export function indexKeyOf<T extends TableDefinition>(
  table: T,
  partition: IndexPartition<T>,
  item: Record<string, unknown>,
): PageKey {
  const index = indexOf(table, partition.index);
  const names = [table.partitionKey.name, table.sortKey.name, index.partitionKey.name, index.sortKey.name];
  return Object.fromEntries(names.map((name) => [name, item[name]])) as PageKey;
}

/** A Put that must not replace anything: immutable items (revisions, audit entries, claims). */
export const putNew = (TableName: string, Item: Record<string, unknown>): TransactItem => ({
  Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** One item by key, as DynamoDB returns it (parse it before use), or undefined. */
export async function getItem(
  db: DynamoDBDocumentClient,
  TableName: string,
  Key: Record<string, unknown>,
  consistent = false,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName, Key, ConsistentRead: consistent }));
  return Item;
}
