import { DomainError, MovedError, TooManyRequestsError } from '../errors.ts';
import { log } from '../log.ts';
import { readableStack } from '../stackTrace.ts';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../store/availability.ts';
import { BASE_HEADERS, type HttpResponse } from './response.ts';

/**
 * The one place where errors become HTTP. Domain errors map to their status with a problem
 * document (RFC 9457); anything else is a 500 that says nothing about our internals.
 */
/** As PUBLIC_CACHE (shared/http/routes/define.ts), restated to keep this module free of the routes. */
const REDIRECT_CACHE = 'public, max-age=60, s-maxage=3600, stale-while-revalidate=60';

export function problemResponse(error: unknown, requestId: string): HttpResponse {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error instanceof TooManyRequestsError) headers['Retry-After'] = String(error.retryAfterSeconds);
    if (error instanceof MovedError) {
      headers.Location = error.location;
      // Cached like the article it points to: a slug that moved does not move back by itself
      // (when it does, the publish purges it, see cdnPaths.ts).
      headers['Cache-Control'] = REDIRECT_CACHE;
    }
    return problem(
      error.status,
      error.kind,
      error.title,
      error.message,
      requestId,
      error.errors ? { errors: error.errors } : {},
      headers,
    );
  }
  if (isStoreUnavailable(error)) {
    // Worth retrying: the store is unreachable or throttling (after the SDK's own retries).
    log.with({ requestId }).warn('Store unavailable', { error: describe(error) });
    return problem(
      503,
      'unavailable',
      'Service unavailable',
      'The content store is not answering right now; retry in a moment.',
      requestId,
      {},
      { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
    );
  }
  // Logged with the request id so support can find it; never returned to the caller.
  log.with({ requestId }).error('Unhandled error', { error: describe(error) });
  return problem(
    500,
    'internal',
    'Internal server error',
    `Something went wrong on our side. Quote request id ${requestId} if you report it.`,
    requestId,
  );
}

/** The problem document's shape, written once: the functions, the local gateway and API Gateway's own responses use it. */
export function problemDocument(
  fields: { kind: string; title: string; status: number; detail: string; requestId: string },
  extra: Record<string, unknown> = {},
) {
  const { kind, title, status, detail, requestId } = fields;
  return { type: `/problems/${kind}`, title, status, detail, ...extra, requestId };
}

export function problem(
  status: number,
  kind: string,
  title: string,
  detail: string,
  requestId: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(problemDocument({ kind, title, status, detail, requestId }, extra)),
  };
}

function describe(error: unknown) {
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: readableStack(error) };
  return { value: String(error) };
}
