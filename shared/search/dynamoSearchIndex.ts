import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SearchScope } from './keys.ts';
import { runSearch } from './postingQuery.ts';
import { putDocument, removeDocument, type TermsItem, termsOf } from './postingWrites.ts';
import type { SearchDocument, SearchIndex, SearchPage, SearchRequest } from './searchIndex.ts';

export { RELEVANCE_WINDOW } from './postingQuery.ts';

/**
 * The search index on DynamoDB (layout in keys.ts). Writes come only from the relay
 * (postingWrites.ts); reads are bounded by the page asked for, whatever the archive's size
 * (postingQuery.ts).
 */
export class DynamoSearchIndex implements SearchIndex {
  /** Postings one Query reads; the default (postingQuery.ts) unless a test crosses it with few documents. */
  readonly chunk?: number;

  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    options: { chunk?: number } = {},
  ) {
    this.chunk = options.chunk;
  }

  put(doc: SearchDocument): Promise<boolean> {
    return putDocument(this, doc);
  }

  remove(scope: SearchScope, id: string, source?: string): Promise<void> {
    return removeDocument(this, scope, id, source);
  }

  /** What a document is indexed under, or null; the analyzer version it was indexed with comes along. */
  termsOf(scope: SearchScope, id: string): Promise<TermsItem | null> {
    return termsOf(this, scope, id);
  }

  search(request: SearchRequest): Promise<SearchPage> {
    return runSearch(this, request);
  }
}
