import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '../../errors.ts';
import type { ArticleContent, ArticleStatus } from '../../schemas/article.ts';
import type { StoredArticle } from '../../store/articleStore.ts';
import { EDITABLE_STATUSES } from '../../workflow.ts';

/** Serialized content above this is refused with 413: items stay far below DynamoDB's 400 KB. */
export const MAX_CONTENT_BYTES = 256 * 1024;

/** The preconditions the editorial use cases share, each with the error the API promises. */
export const notFound = (id: string) => new NotFoundError(`No article with id ${id}.`);

export const noRevision = (id: string, n: number) => new NotFoundError(`Article ${id} has no revision ${n}.`);

export function requireVersion(expected: number | undefined): number {
  if (expected === undefined) {
    throw new PreconditionRequiredError(
      'This write needs an If-Match header with the ETag of the version you read, e.g. If-Match: "3".',
    );
  }
  return expected;
}

export function assertVersion(article: StoredArticle, expected: number): void {
  if (article.version !== expected) {
    throw new PreconditionFailedError(
      `If-Match names version ${expected}, but the article is at version ${article.version}. Fetch it again.`,
    );
  }
}

export function assertEditable(status: ArticleStatus, verb: string): void {
  if (!EDITABLE_STATUSES.includes(status)) {
    throw new ConflictError(
      `An article that is ${status} cannot be ${verb}; it can be in ${EDITABLE_STATUSES.join(', ')}.`,
    );
  }
}

export function assertContentSize(content: ArticleContent): void {
  const bytes = Buffer.byteLength(JSON.stringify(content));
  if (bytes > MAX_CONTENT_BYTES) {
    throw new PayloadTooLargeError(`The article is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}.`);
  }
}

/** A time to act at must be ahead of now. */
export function assertFuture(iso: string, now: Date, field: 'publishAt' | 'unpublishAt'): void {
  if (Date.parse(iso) <= now.getTime()) {
    throw new ValidationError(`${field} must be in the future.`, [
      { path: field, message: 'must be in the future' },
    ]);
  }
}
