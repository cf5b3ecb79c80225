import type { SEARCH_SORTS } from '../schemas/facts.ts';
import type { AnalyzedQuery, SearchField } from './analyzer.ts';
import type { SearchScope } from './keys.ts';

/**
 * The one seam between the product and its search engine. The relay feeds an implementation
 * (put, remove) from the table streams and the search routes query it; today's is DynamoDB
 * (dynamoSearchIndex.ts). An OpenSearch implementation would be a second class behind this same
 * interface, fed by the same relay (see docs/search.md): nothing else changes.
 */
export interface SearchIndex {
  /**
   * Indexes a document, or brings its entry up to date: idempotent, so a retried record is
   * harmless. False when it was indexed as it is already (nothing written).
   */
  put(doc: SearchDocument): Promise<boolean>;
  /**
   * Takes a document out: its result entry first, so it stops being found at once. With `source`,
   * only while the entry still comes from that source (a snapshot under another slug has replaced
   * it otherwise, and a late removal of the old one must not take the new one out).
   */
  remove(scope: SearchScope, id: string, source?: string): Promise<void>;
  search(request: SearchRequest): Promise<SearchPage>;
}

export interface SearchDocument {
  scope: SearchScope;
  id: string;
  /** The date it is listed under: first publication (live), creation (desk). Never changes. */
  at: string;
  fields: Partial<Record<SearchField, string>>;
  /** Filter terms (keys.ts filterTerm) a query can require. */
  filters: string[];
  /** What a hit shows besides its excerpt (readers: the list entry a frontend renders). */
  entry: Record<string, unknown>;
  /** The text excerpts are cut from. */
  text: string;
  /** Where it came from (a live snapshot's slug): see remove. */
  source?: string;
}

export type SearchSort = (typeof SEARCH_SORTS)[number];
export type SearchCursor = { after: string } | { offset: number };

export interface SearchRequest {
  scope: SearchScope;
  query: AnalyzedQuery;
  /** Filter terms every hit must also have. */
  filters: string[];
  /** ISO instants, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  sort: SearchSort;
  cursor?: SearchCursor | undefined;
  /** Read each hit's result entry (readers); the desk reads working copies instead. */
  entries: boolean;
}

export interface SearchHit {
  id: string;
  at: string;
  score: number;
  entry: Record<string, unknown> | null;
  text: string;
}

export interface SearchPage {
  hits: SearchHit[];
  next: SearchCursor | null;
  /** What the query cost: for the bench and the logs. */
  cost: { requests: number; readUnits: number };
}
