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
  constructor(unread: number, verb = 'unread') {
    super(`DynamoDB left ${unread} keys ${verb} after ${ATTEMPTS} attempts`);
  }
}

type WriteRequest = { DeleteRequest: { Key: Key } } | { PutRequest: { Item: Key } };

/**
 * BatchWriteItem, 25 requests at a time, retrying what DynamoDB leaves unprocessed with backoff.
 * Returns the requests still unprocessed after the last attempt.
 */
async function batchWrite(
  db: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<WriteRequest[]> {
  const left: WriteRequest[] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) {
    let pending = requests.slice(i, i + BATCH_SIZE);
    for (let attempt = 0; pending.length > 0 && attempt < ATTEMPTS; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request): WriteRequest[] => {
        if (request.DeleteRequest?.Key) return [{ DeleteRequest: { Key: request.DeleteRequest.Key } }];
        if (request.PutRequest?.Item) return [{ PutRequest: { Item: request.PutRequest.Item } }];
        return [];
      });
    }
    left.push(...pending);
  }
  return left;
}

/**
 * Deletes items by key. Returns the keys still not deleted after the last attempt: the caller
 * says what it dropped rather than pretending it is gone.
 */
export async function batchDelete(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly Key[],
): Promise<Key[]> {
  const left = await batchWrite(
    db,
    tableName,
    itemKeys.map((Key) => ({ DeleteRequest: { Key } })),
  );
  return left.flatMap((request) => ('DeleteRequest' in request ? [request.DeleteRequest.Key] : []));
}

/**
 * Puts items (unconditionally: only for items whose put is idempotent). Every one is written when
 * it returns; otherwise a BatchUnfinished (503), since a caller relies on them being there.
 */
export async function batchPut(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Key[],
): Promise<void> {
  const left = await batchWrite(
    db,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
  if (left.length > 0) throw new BatchUnfinished(left.length, 'unwritten');
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
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const found = await batchGetTables(db, {
    [tableName]: { keys: itemKeys, consistent, ...(attributes ? { attributes } : {}) },
  });
  return found[tableName] ?? [];
}
