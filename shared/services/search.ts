import { DEFAULT_ACCESS } from '../access.ts';
import { BadRequestError } from '../errors.ts';
import type { PublicArticleSummary, SearchHit } from '../schemas/articleLists.ts';
import { type AnalyzedQuery, analyzeQuery } from '../search/analyzer.ts';
import { type ExcerptPiece, excerptOf, marksOf } from '../search/excerpt.ts';
import { filterTerm, type SearchScope } from '../search/keys.ts';
import type { SearchCursor, SearchIndex, SearchSort } from '../search/searchIndex.ts';
import type { PageKey } from '../store/cursor.ts';

/** A search as the routes take it (validated by SearchQuerySchema / AdminListQuerySchema). */
export interface SearchParams {
  q: string;
  from?: string | undefined;
  to?: string | undefined;
  sort?: SearchSort | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date range as the index compares it: ISO instants in UTC, a bare day covering all of it.
 * A range that ends before it starts is a 400, not an empty page that looks like no results.
 */
export function searchRange({ from, to }: Pick<SearchParams, 'from' | 'to'>) {
  const start = from === undefined ? undefined : new Date(DAY.test(from) ? `${from}T00:00:00.000Z` : from);
  const end = to === undefined ? undefined : new Date(DAY.test(to) ? `${to}T23:59:59.999Z` : to);
  if (start && end && start > end) {
    const error = new BadRequestError('from must not be after to.');
    error.errors = [{ path: 'from', message: 'must not be after to' }];
    throw error;
  }
  return { from: start?.toISOString(), to: end?.toISOString() };
}

/** The index's cursor from a page key (signed and scoped to this search by the dispatcher). */
export function searchCursor(startKey: PageKey | undefined): SearchCursor | undefined {
  if (startKey === undefined) return undefined;
  if (typeof startKey.after === 'string') return { after: startKey.after };
  if (typeof startKey.offset === 'number') return { offset: startKey.offset };
  throw new BadRequestError('The cursor is not valid for this list; start again without it.');
}

/** The index's next cursor as a page key. */
export const pageKeyOf = (next: SearchCursor | null): PageKey | undefined => next ?? undefined;

/**
 * Readers' search: live articles only (the index's live scope is fed from live snapshots alone),
 * each hit its list entry and an excerpt with the words found.
 */
export function createReadersSearch(index: SearchIndex) {
  return async (
    params: SearchParams & { section?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<{ items: SearchHit[]; lastKey: PageKey | undefined }> => {
    const query = analyzeQuery(params.q);
    const page = await index.search({
      scope: 'live',
      query,
      filters: params.section ? [filterTerm('section', params.section)] : [],
      ...searchRange(params),
      limit,
      sort: params.sort ?? 'newest',
      cursor: searchCursor(startKey),
      entries: true,
    });
    return {
      items: page.hits.map((hit) => ({
        // Entries indexed before access existed are of free stories (reindex-search rewrites them).
        access: DEFAULT_ACCESS,
        ...(hit.entry as Omit<PublicArticleSummary, 'access'>),
        excerpt: excerptOf(hit.text, query),
      })),
      lastKey: pageKeyOf(page.next),
    };
  };
}

/**
 * The ids a scope's words find, newest first, for lists whose items are then read from their own
 * table by id (the media library, the moderation queues): one BatchGetItem for the page, and what
 * is shown is what the table holds now, not the index's copy.
 */
export async function findIds(
  index: SearchIndex,
  scope: Exclude<SearchScope, 'live' | 'desk'>,
  q: string,
  filters: string[],
  limit: number,
  startKey: PageKey | undefined,
): Promise<{ query: AnalyzedQuery; ids: string[]; lastKey: PageKey | undefined }> {
  const query = analyzeQuery(q);
  const page = await index.search({
    scope,
    query,
    filters,
    limit,
    sort: 'newest',
    cursor: searchCursor(startKey),
    entries: false,
  });
  return { query, ids: page.hits.map((hit) => hit.id), lastKey: pageKeyOf(page.next) };
}

/** The named texts of an item with the words a query found marked; those without any are left out. */
export function highlightsOf(
  query: AnalyzedQuery,
  texts: Record<string, string | null>,
  spelled: Record<string, (text: string) => string> = {},
): Record<string, ExcerptPiece[]> {
  const out: Record<string, ExcerptPiece[]> = {};
  for (const [name, text] of Object.entries(texts)) {
    if (!text) continue;
    const split = spelled[name];
    // A text analyzed in another spelling (a file name's separators as spaces, same length) is
    // matched on that spelling and cut from the original.
    const marks = marksOf(split ? split(text) : text, query);
    if (!marks) continue;
    let at = 0;
    out[name] = marks.map((piece) => {
      const original = text.slice(at, at + piece.text.length);
      at += piece.text.length;
      return { ...piece, text: original };
    });
  }
  return out;
}
