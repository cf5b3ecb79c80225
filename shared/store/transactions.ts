/** One entry per item of a cancelled TransactWriteItems, in the order the items were sent. */
export interface CancellationReason {
  Code?: string;
  /** The item as it was, when the write asked for it (ReturnValuesOnConditionCheckFailure), in wire format. */
  Item?: Record<string, { N?: string; S?: string }>;
}

/**
 * The per-item reasons of a TransactionCanceledException, or null for any other error. Callers
 * map the failed item's position to a domain error (412, 409, 429...).
 */
export function cancellationReasons(error: unknown): CancellationReason[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  return e.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : null;
}
