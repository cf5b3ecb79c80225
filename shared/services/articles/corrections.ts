import { CORRECTORS } from '../../auth/permissions.ts';
import { hasAnyRole, type Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ConflictError, ForbiddenError } from '../../errors.ts';
import { ARTICLE_LIMITS } from '../../schemas/facts.ts';
import type { ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import { assertVersion } from './checks.ts';
import type { Publication } from './publication.ts';
import { articleToWrite } from './reads.ts';
import { nextVersion } from './versions.ts';

/**
 * Corrections on live articles: appended (newest first) to the working copy and, in the same
 * transaction, to the live snapshot, so readers see them at once. The live words are untouched
 * and so is the working copy's content: an edit waiting to be published stays as it is.
 */
export function createCorrections({
  store,
  clock,
  publication,
}: {
  store: ArticleStore;
  clock: Clock;
  publication: Publication;
}) {
  return {
    async addCorrection(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
      text: string,
    ): Promise<StoredArticle> {
      if (!hasAnyRole(principal, CORRECTORS)) {
        throw new ForbiddenError('Corrections are published by editors.');
      }
      const { article, version } = await articleToWrite(store, principal, id, expectedVersion);
      assertVersion(article, version);
      if (!article.live) {
        throw new ConflictError('Only a live article takes corrections; edit a draft instead.');
      }
      if (article.corrections.length >= ARTICLE_LIMITS.corrections) {
        throw new ConflictError(`An article keeps at most ${ARTICLE_LIMITS.corrections} corrections.`);
      }
      const at = clock.now().toISOString();
      const { next, audit } = nextVersion(
        article,
        article.status,
        { actor: principal.sub, action: 'correct', at, note: text },
        { corrections: [{ text, at, by: principal.sub }, ...article.corrections] },
      );
      return publication.republishCorrections(article, next, audit);
    },
  };
}
