/**
 * Is this error the store being unreachable, throttled or failing on its side, after the SDK's own
 * retries? Then the request may succeed if repeated, and the caller gets a 503 with Retry-After
 * rather than a 500. Anything else (a bug, a refused condition) is not this.
 */
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
  // A single-item write that met a transaction in progress on the same item.
  'TransactionConflictException',
  // Our own: a transaction throttled, or outrun by concurrent ones beyond its retries.
  'TransactionBusy',
  // Our own: a batch read whose keys DynamoDB kept leaving unprocessed (store/batch.ts).
  'BatchUnfinished',
  // Our own: a working copy's head kept being read beside another revision (store/workingCopy.ts).
  'WorkingCopyTorn',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** How long a client should wait before retrying, in seconds. */
export const STORE_RETRY_AFTER_SECONDS = 2;
