import { canSeeArticle } from '../../auth/permissions.ts';
import { hasAnyRole, type Principal } from '../../auth/principal.ts';
import type { ArticleStatus, Revision } from '../../schemas/article.ts';
import type { ArticleReader, ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { noRevision, notFound, requireVersion } from './checks.ts';

export interface AdminListFilters {
  status?: ArticleStatus | undefined;
  section?: string | undefined;
  createdBy?: string | undefined;
}

/** An article the principal may see; 404, not 403: an author must not learn that someone else's exists. */
export async function visibleArticle(
  store: ArticleReader,
  principal: Principal,
  id: string,
): Promise<StoredArticle> {
  const article = await store.get(id);
  if (!article || !canSeeArticle(principal, article)) throw notFound(id);
  return article;
}

/** The article a write is about, and the version its caller read (428 without one). */
export async function articleToWrite(
  store: ArticleStore,
  principal: Principal,
  id: string,
  expectedVersion: number | undefined,
): Promise<{ article: StoredArticle; version: number }> {
  const version = requireVersion(expectedVersion);
  return { article: await visibleArticle(store, principal, id), version };
}

/** The editorial reads: working copies, their revisions and their audit trail. */
export function createReads({ store }: { store: ArticleStore }) {
  return {
    /** Working copies, most recently updated first. Authors are confined to their own. */
    async list(
      principal: Principal,
      filters: AdminListFilters,
      limit: number,
      startKey: PageKey | undefined,
    ) {
      const createdBy = hasAnyRole(principal, ['editor']) ? filters.createdBy : principal.sub;
      if (createdBy !== undefined && filters.createdBy !== undefined && createdBy !== filters.createdBy) {
        // An author filtering on someone else: the honest answer is an empty list, not an error.
        return { items: [], lastKey: undefined };
      }
      return store.listWorking({ ...filters, createdBy }, limit, startKey);
    },

    get: (principal: Principal, id: string) => visibleArticle(store, principal, id),

    async listRevisions(principal: Principal, id: string, limit: number, startKey: PageKey | undefined) {
      await visibleArticle(store, principal, id);
      return store.listRevisions(id, limit, startKey);
    },

    async getRevision(principal: Principal, id: string, n: number): Promise<Revision> {
      await visibleArticle(store, principal, id);
      const revision = await store.getRevision(id, n);
      if (!revision) throw noRevision(id, n);
      return revision;
    },

    async history(principal: Principal, id: string, limit: number, startKey: PageKey | undefined) {
      await visibleArticle(store, principal, id);
      return store.listHistory(id, limit, startKey);
    },
  };
}
