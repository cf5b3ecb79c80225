import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './query.ts';

/** One entry per item of a cancelled TransactWriteItems, in the order the items were sent. */
export interface CancellationReason {
  Code?: string;
  Message?: string;
  /** The item as it was, when the write asked for it (ReturnValuesOnConditionCheckFailure), in wire format. */
  Item?: Record<string, { N?: string; S?: string }>;
}

/**
 * The per-item reasons of a TransactionCanceledException, or null for any other error.
 */
export function cancellationReasons(error: unknown): CancellationReason[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  return e.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : null;
}

/**
 * A condition of the transaction was false: nothing was written, and `failed(i)` says which items'
 * conditions refused it, so the caller maps the position to its domain error (412, 409, 404...).
 */
export class TransactionRefused extends Error {
  override readonly name = 'TransactionRefused';
  constructor(readonly reasons: readonly CancellationReason[]) {
    super(`Transaction refused by item(s) ${refusedPositions(reasons).join(', ')}`);
  }

  failed(index: number): boolean {
    return this.reasons[index]?.Code === 'ConditionalCheckFailed';
  }

  /** The refused item's previous state, when it was asked for (wire format). */
  itemAt(index: number): CancellationReason['Item'] {
    return this.reasons[index]?.Item;
  }
}

/**
 * The store was too busy to commit (throttled, or other transactions kept winning on the same
 * items): nothing was written and the same request may succeed later. Answered as 503 with
 * Retry-After (see availability.ts), never as a refused precondition.
 */
export class TransactionBusy extends Error {
  override readonly name = 'TransactionBusy';
  constructor(readonly reasons: readonly CancellationReason[]) {
    super(`Transaction not committed: ${[...new Set(reasons.map((r) => r.Code ?? 'None'))].join(', ')}`);
  }
}

const refusedPositions = (reasons: readonly CancellationReason[]) =>
  reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));

/** Another transaction held one of the items: retrying the same write is safe and usually wins. */
const RETRYABLE = new Set(['TransactionConflict']);
/** Capacity, not contention: the SDK already retried; the client should, later. */
const BUSY = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const TRANSACTION_MAX_ITEMS = 100;

export interface TransactOptions {
  /** Attempts in all when items conflict with a concurrent transaction. */
  attempts?: number;
  /** Waits between attempts, jittered: the n-th wait is up to baseDelayMs * 2^n. */
  baseDelayMs?: number;
}

/**
 * TransactWriteItems, with its cancellations sorted by which item failed and why:
 * - a false condition (whatever else happened) is a TransactionRefused, for the caller to map;
 * - a conflict with a concurrent transaction is retried a bounded number of times, because the
 *   conditions make a repeat safe (it either commits or is refused on the state the winner left);
 * - throttling, or conflicts that outlast the retries, are a TransactionBusy (503);
 * - anything else (a validation error, an oversized item collection) is a defect and rethrown.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  { attempts = 4, baseDelayMs = 15 }: TransactOptions = {},
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) throw new TransactionRefused(reasons);
      const codes = reasons.map((r) => r.Code ?? 'None').filter((code) => code !== 'None');
      const retryable = codes.length > 0 && codes.every((code) => RETRYABLE.has(code));
      if (retryable && attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** attempt));
        continue;
      }
      if (retryable || codes.some((code) => BUSY.has(code))) throw new TransactionBusy(reasons);
      throw error;
    }
  }
}
