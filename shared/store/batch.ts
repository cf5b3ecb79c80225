import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, unknown>;

const BATCH_SIZE = 25;
/** Attempts at a batch read before giving up on keys DynamoDB keeps leaving unprocessed. */
export const BATCH_ATTEMPTS = 8;
const ATTEMPTS = BATCH_ATTEMPTS;

/**
 * DynamoDB kept leaving keys unread through every retry: the table is throttled, so the request
 * may succeed if repeated. Named in availability.ts, hence answered 503 with Retry-After, not 500.
 */
export class BatchUnfinished extends Error {
  override readonly name = 'BatchUnfinished';
  constructor(unread: number) {
    super(`DynamoDB left ${unread} keys unread after ${BATCH_ATTEMPTS} attempts`);
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

/**
 * Reads items by key, 100 per BatchGetItem, retrying what DynamoDB leaves unprocessed with
 * backoff. Returns the items found, in the order of the keys given (one missing, e.g. deleted
 * meanwhile, is left out).
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly { pk: string; sk: string }[],
): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < itemKeys.length; i += GET_BATCH_SIZE) {
    let pending: Key[] = itemKeys.slice(i, i + GET_BATCH_SIZE);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= ATTEMPTS) throw new BatchUnfinished(pending.length);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      for (const item of result.Responses?.[tableName] ?? []) found.set(`${item.pk}\n${item.sk}`, item);
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return itemKeys.flatMap((key) => {
    const item = found.get(`${key.pk}\n${key.sk}`);
    return item ? [item] : [];
  });
}
