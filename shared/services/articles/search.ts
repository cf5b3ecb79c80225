import { canSeeArticle } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Excerpt } from '../../schemas/articleLists.ts';
import { analyzeQuery } from '../../search/analyzer.ts';
import { bodyText } from '../../search/documents.ts';
import { excerptOf } from '../../search/excerpt.ts';
import { filterTerm } from '../../search/keys.ts';
import type { SearchIndex } from '../../search/searchIndex.ts';
import type { ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { pageKeyOf, type SearchParams, searchCursor, searchRange } from '../search.ts';
import { type AdminListFilters, listAuthor } from './reads.ts';

/**
 * The desk's search: working copies by their words, with the admin list's filters (status,
 * section, author) and a date range (of creation), newest first or by relevance. Authors find only
 * their own articles: the author is a required term of their query, and each hit is checked again
 * against the working copy as read, so an index a few seconds behind cannot show them another's.
 */
export function createDeskSearch({ store, search }: { store: ArticleStore; search: SearchIndex }) {
  return {
    async search(
      principal: Principal,
      filters: AdminListFilters & SearchParams,
      limit: number,
      startKey: PageKey | undefined,
    ): Promise<{ items: { article: StoredArticle; excerpt: Excerpt }[]; lastKey: PageKey | undefined }> {
      const createdBy = listAuthor(principal, filters.createdBy);
      if (createdBy === null) return { items: [], lastKey: undefined };
      const query = analyzeQuery(filters.q);
      const page = await search.search({
        scope: 'desk',
        query,
        filters: [
          ...(filters.status ? [filterTerm('status', filters.status)] : []),
          ...(filters.section ? [filterTerm('section', filters.section)] : []),
          ...(createdBy ? [filterTerm('author', createdBy)] : []),
        ],
        ...searchRange(filters),
        limit,
        sort: filters.sort ?? 'newest',
        cursor: searchCursor(startKey),
        entries: false,
      });
      const articles = await store.workingCopiesOf(page.hits.map((hit) => hit.id));
      return {
        items: articles
          .filter((article) => canSeeArticle(principal, article))
          .map((article) => ({
            article,
            excerpt: excerptOf(
              [article.standfirst, bodyText(article.body)].filter(Boolean).join('\n'),
              query,
            ),
          })),
        lastKey: pageKeyOf(page.next),
      };
    },
  };
}
