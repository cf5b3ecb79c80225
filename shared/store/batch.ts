import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

type Key = Record<string, unknown>;

const BATCH_SIZE = 25;
/** Attempts at a batch read before giving up on keys DynamoDB keeps leaving unprocessed. */
const ATTEMPTS = 8;

/**
 * DynamoDB kept leaving keys unread through every retry: the table is throttled, so the request
 * may succeed if repeated. Named in availability.ts, hence answered 503 with Retry-After, not 500.
 */
export class BatchUnfinished extends Error {
  override readonly name = 'BatchUnfinished';
  constructor(unread: number) {
    super(`DynamoDB left ${unread} keys unread after ${ATTEMPTS} attempts`);
  }
}

/**
 * Deletes items by key, 25 per BatchWriteItem, retrying what DynamoDB leaves unprocessed with
 * backoff. Returns the keys still not deleted after the last attempt: the caller says what it
 * dropped rather than pretending it is gone.
 */
export async function batchDelete(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly Key[],
): Promise<Key[]> {
  const dropped: Key[] = [];
  for (let i = 0; i < itemKeys.length; i += BATCH_SIZE) {
    let pending = itemKeys.slice(i, i + BATCH_SIZE).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0 && attempt < ATTEMPTS; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
      );
    }
    dropped.push(...pending.map((request) => request.DeleteRequest.Key));
  }
  return dropped;
}

const GET_BATCH_SIZE = 100;

/** What to read from one table in a multi-table batch: the keys, and whether strongly consistent. */
export interface TableRead {
  keys: readonly Key[];
  consistent?: boolean;
  /** Only these attributes (the keys always come along); all when omitted. */
  attributes?: readonly string[];
}

/** A ProjectionExpression naming the keys and the wanted attributes, through placeholders. */
function projection(attributes: readonly string[] | undefined) {
  if (!attributes) return {};
  const names = [...new Set(['pk', 'sk', ...attributes])];
  return {
    ProjectionExpression: names.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#p${i}`, name])),
  };
}

/** An item's place in a batch: its table and key attributes. */
const placeOf = (table: string, item: Key) => `${table}\n${String(item.pk)}\n${String(item.sk)}`;

/**
 * Reads items by key from several tables, each with its own consistency, in as few BatchGetItem
 * requests as DynamoDB allows (100 keys each), retrying what it leaves unprocessed with backoff;
 * keys still unread after BATCH_ATTEMPTS attempts are a BatchUnfinished (503). Returns, per table,
 * the items found in the order of the keys given (one missing, e.g. deleted meanwhile, is left out).
 */
export async function batchGetTables<T extends string>(
  db: DynamoDBDocumentClient,
  reads: Readonly<Record<T, TableRead>>,
): Promise<Record<T, Record<string, unknown>[]>> {
  const tables = Object.keys(reads) as T[];
  const requests = tables.flatMap((table) => reads[table].keys.map((key) => ({ table, key })));
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < requests.length; i += GET_BATCH_SIZE) {
    let pending: NonNullable<BatchGetCommandInput['RequestItems']> = {};
    for (const { table, key } of requests.slice(i, i + GET_BATCH_SIZE)) {
      const { consistent, attributes } = reads[table];
      const entry = pending[table] ?? {
        Keys: [],
        ...(consistent ? { ConsistentRead: true } : {}),
        ...projection(attributes),
      };
      entry.Keys = [...(entry.Keys ?? []), key];
      pending[table] = entry;
    }
    for (let attempt = 0; Object.keys(pending).length > 0; attempt += 1) {
      if (attempt >= ATTEMPTS) {
        throw new BatchUnfinished(Object.values(pending).reduce((n, t) => n + (t.Keys?.length ?? 0), 0));
      }
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: pending }));
      for (const [table, items] of Object.entries(result.Responses ?? {})) {
        for (const item of items) found.set(placeOf(table, item), item);
      }
      pending = result.UnprocessedKeys ?? {};
    }
  }
  const out = {} as Record<T, Record<string, unknown>[]>;
  for (const table of tables) {
    out[table] = reads[table].keys.flatMap((key) => {
      const item = found.get(placeOf(table, key));
      return item ? [item] : [];
    });
  }
  return out;
}

/**
 * Reads items of one table by key (eventually consistent), whole or only some attributes:
 * batchGetTables for a single table. Returns the items found, in the order of the keys given.
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly { pk: string; sk: string }[],
  attributes?: readonly string[],
): Promise<Record<string, unknown>[]> {
  const found = await batchGetTables(db, {
    [tableName]: { keys: itemKeys, ...(attributes ? { attributes } : {}) },
  });
  return found[tableName] ?? [];
}
