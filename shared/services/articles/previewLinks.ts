import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { NotFoundError } from '../../errors.ts';
import { PREVIEW_TTL, type PreviewTokens } from '../../preview.ts';
import type { ArticleReader, StoredArticle } from '../../store/articleStore.ts';
import { visibleArticle } from './reads.ts';

/** Signed links to a working copy, for a look before it goes out. */
export function createPreviewLinks({
  store,
  clock,
  previews,
}: {
  /** Reads only: the preview function holds no comments table, so it has no ArticleStore. */
  store: ArticleReader;
  clock: Clock;
  previews: PreviewTokens;
}) {
  const nowEpoch = () => Math.floor(clock.now().getTime() / 1000);
  return {
    async createPreview(principal: Principal, id: string, expiresInSeconds = PREVIEW_TTL.defaultSeconds) {
      const article = await visibleArticle(store, principal, id);
      const expiresAt = nowEpoch() + expiresInSeconds;
      const token = previews.sign({ articleId: article.id, expiresAt });
      return { token, url: `/v1/preview/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },

    /** The working copy behind a preview token; an invalid or expired token is not found. */
    async readPreview(token: string): Promise<StoredArticle> {
      const claims = previews.verify(token, nowEpoch());
      const article = claims ? await store.get(claims.articleId) : null;
      if (!article) throw new NotFoundError('This preview link is not valid, or it has expired.');
      return article;
    },
  };
}
