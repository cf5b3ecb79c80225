import { canSeeArticle } from '../../auth/permissions.ts';
import { hasAnyRole, type Principal } from '../../auth/principal.ts';
import { BadRequestError } from '../../errors.ts';
import type { ArticleStatus } from '../../schemas/article.ts';
import type { Revision } from '../../schemas/articleHistory.ts';
import type { ArticleReader, ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { noRevision, notFound, requireVersion } from './checks.ts';

export interface AdminListFilters {
  status?: ArticleStatus | undefined;
  section?: string | undefined;
  createdBy?: string | undefined;
  /** A search's range and order (search.ts): without q, they have nothing to apply to. */
  from?: string | undefined;
  to?: string | undefined;
  sort?: string | undefined;
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

/**
 * Whose articles a list may show: editors any (or the one asked for), authors only their own.
 * Null when an author asks for someone else's: an empty list.
 */
export function listAuthor(principal: Principal, asked: string | undefined): string | undefined | null {
  const createdBy = hasAnyRole(principal, ['editor']) ? asked : principal.sub;
  return createdBy !== undefined && asked !== undefined && createdBy !== asked ? null : createdBy;
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
      const { from, to, sort, ...rest } = filters;
      if (from !== undefined || to !== undefined || sort !== undefined) {
        const error = new BadRequestError('from, to and sort narrow a search: add q, the words to find.');
        error.errors = [{ path: 'q', message: 'is required with from, to or sort' }];
        throw error;
      }
      const createdBy = listAuthor(principal, rest.createdBy);
      // An author filtering on someone else: the honest answer is an empty list, not an error.
      if (createdBy === null) return { items: [], lastKey: undefined };
      return store.listWorking({ ...rest, createdBy }, limit, startKey);
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
