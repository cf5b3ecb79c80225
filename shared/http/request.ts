import { type $ZodType, type output, safeParse } from 'zod/v4/core';
import {
  BadRequestError,
  type FieldError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.ts';
import { FIELDS } from '../store/model.ts';

/** API Gateway accepts up to 10 MB; we accept far less so no item nears DynamoDB's 400 KB. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** Fields the server owns. Naming one in a body gets a specific message rather than a generic one. */
const SERVER_OWNED = new Set<string>([...FIELDS.serverOwned, 'availableActions', 'editable']);

export interface RawRequest {
  headers: Record<string, string>;
  body: string | null;
}

/** Checks the content type and size, parses JSON and validates it: 415, 413, 400, 422. */
export function readJson<S extends $ZodType>(request: RawRequest, schema: S): output<S> {
  const type = request.headers['content-type'];
  const mediaType = type?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(
      `Send the body as application/json${type ? `, not ${type}` : '; the Content-Type header is missing'}.`,
    );
  }
  const body = request.body ?? '';
  if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) {
    throw new PayloadTooLargeError(`The body is larger than the limit of ${MAX_REQUEST_BYTES} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new BadRequestError(
      body.trim() === ''
        ? 'The request body is empty; send a JSON object.'
        : `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
  return validate(schema, value, 'The body does not match the schema.');
}

export function validate<S extends $ZodType>(schema: S, value: unknown, summary: string): output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  throw new ValidationError(
    `${summary} ${describeIssues(result.error.issues)}`,
    toFieldErrors(result.error.issues),
  );
}

/** Query strings: a bad one is a 400 (API.md), with the same per-field detail as a body. */
export function parseQuery<S extends $ZodType>(
  schema: S,
  query: Record<string, string | undefined>,
): output<S> {
  const result = safeParse(schema, query);
  if (result.success) return result.data;
  const error = new BadRequestError(`The query is not valid. ${describeIssues(result.error.issues)}`);
  error.errors = toFieldErrors(result.error.issues);
  throw error;
}

interface Issue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

function toFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message:
          SERVER_OWNED.has(key) && base === ''
            ? 'is set by the server and cannot be written'
            : 'is not a known field',
      }));
    }
    return [{ path: base || '(root)', message: issue.message }];
  });
}

function describeIssues(issues: readonly Issue[]): string {
  return toFieldErrors(issues)
    .slice(0, 5)
    .map((e) => `${e.path} ${e.message}`)
    .join('; ');
}

/**
 * `If-Match: "7"` (also `W/"7"` or a bare 7) gives 7. Absent gives undefined, or a 428 where the
 * route requires it. `*` would skip the check this header exists for, so it is refused.
 */
export function parseIfMatch(headers: Record<string, string>, required = false): number | undefined {
  const raw = headers['if-match'];
  if (raw === undefined || raw.trim() === '') {
    if (!required) return undefined;
    throw new PreconditionRequiredError(
      'This write needs an If-Match header with the ETag of the version you read, e.g. If-Match: "3".',
    );
  }
  const value = raw.trim();
  if (value === '*') {
    throw new PreconditionRequiredError(
      'If-Match must name the version you read, e.g. "3"; * is not accepted.',
    );
  }
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (!match?.[1]) {
    throw new PreconditionFailedError(`If-Match ${value} does not name a version of this article.`);
  }
  return Number(match[1]);
}

/** True when an `If-None-Match` header names this ETag (or is `*`). */
export function matchesNoneMatch(headers: Record<string, string>, etag: string): boolean {
  const raw = headers['if-none-match'];
  if (!raw) return false;
  return raw.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
