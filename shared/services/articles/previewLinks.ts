import type { Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { NotFoundError } from '../../errors.ts';
import {
  fillPreviewUrl,
  PREVIEW_GONE,
  PREVIEW_TTL,
  type PreviewClaims,
  type PreviewTokens,
} from '../../preview.ts';
import type { PageArticle } from '../../render/articlePage.ts';
import type { PreviewSettings } from '../../schemas/previewSettings.ts';
import type { ArticleReader, StoredArticle } from '../../store/articleStore.ts';
import type { StoredPreviewLink } from '../../store/previewLinkStore.ts';
import { previewMediaIds, previewPageOf } from './previewPage.ts';
import { visibleArticle } from './reads.ts';

/**
 * Signed links to a working copy, for a look before it goes out. Each is stored, so editors can
 * list and revoke them, and a takedown (unpublish) revokes them all (publication.ts).
 */
export function createPreviewLinks({
  store,
  clock,
  previews,
  newId,
}: {
  /** Reads only: the preview function holds no comments table, so it has no ArticleStore. */
  store: ArticleReader;
  clock: Clock;
  previews: PreviewTokens;
  /** For issuing links (the editorial function); reading one needs none. */
  newId?: IdFactory;
}) {
  const nowEpoch = () => Math.floor(clock.now().getTime() / 1000);
  const present = (link: StoredPreviewLink, slug: string, previewUrl: string | null) => {
    const token = previews.sign(link);
    return {
      id: link.linkId,
      token,
      url: `/v1/preview/${token}`,
      pageUrl: `/v1/preview/${token}/page`,
      frontendUrl: previewUrl === null ? null : fillPreviewUrl(previewUrl, { token, slug }),
      expiresAt: new Date(link.expiresAt * 1000).toISOString(),
      createdAt: link.createdAt,
      createdBy: link.createdBy,
    };
  };
  return {
    async createPreview(principal: Principal, id: string, expiresInSeconds = PREVIEW_TTL.defaultSeconds) {
      if (!newId) throw new Error('Issuing preview links needs an id factory');
      const article = await visibleArticle(store, principal, id);
      const now = clock.now();
      const link: StoredPreviewLink = {
        articleId: article.id,
        linkId: newId(now),
        expiresAt: Math.floor(now.getTime() / 1000) + expiresInSeconds,
        createdAt: now.toISOString(),
        createdBy: principal.sub,
      };
      const [previewUrl] = await Promise.all([
        store.previewLinks.getPreviewUrl(),
        store.previewLinks.put(link),
      ]);
      return present(link, article.slug, previewUrl);
    },

    /** The article's links that still open it, oldest first. */
    async listPreviews(principal: Principal, id: string) {
      const article = await visibleArticle(store, principal, id);
      const [links, previewUrl] = await Promise.all([
        store.previewLinks.list(article.id, nowEpoch()),
        store.previewLinks.getPreviewUrl(),
      ]);
      return links.map((link) => present(link, article.slug, previewUrl));
    },

    async previewSettings(): Promise<PreviewSettings> {
      return { previewUrl: await store.previewLinks.getPreviewUrl() };
    },

    /** Admins (the route's access): where editors' Preview button goes from now on. */
    async updatePreviewSettings(principal: Principal, settings: PreviewSettings): Promise<PreviewSettings> {
      // Empty means none, like null: one way to say it in storage and answers.
      const previewUrl = settings.previewUrl || null;
      await store.previewLinks.putPreviewUrl(previewUrl, principal.sub, clock.now().toISOString());
      return { previewUrl };
    },

    async revokePreview(principal: Principal, id: string, linkId: string): Promise<void> {
      const article = await visibleArticle(store, principal, id);
      if (!(await store.previewLinks.revoke(article.id, linkId))) {
        throw new NotFoundError(`Article ${id} has no preview link ${linkId} (revoked, or never issued).`);
      }
    },

    /**
     * The working copy behind a preview token. Not found: an invalid or expired token, a revoked
     * link, an article deleted or taken down (archived: a leftover link of a takedown whose
     * revocation failed still shows nothing).
     */
    async readPreview(token: string): Promise<StoredArticle> {
      return (await open(token)).article;
    },

    /**
     * The same, ready for the article page (its library images resolved: one BatchGetItem more
     * when it has any), with when the link stops working.
     */
    async readPreviewPage(token: string): Promise<{ page: PageArticle; expiresAt: string }> {
      const { article, claims } = await open(token);
      const media = await store.media.getMany(previewMediaIds(article));
      return {
        page: previewPageOf(article, media),
        expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
      };
    },
  };

  async function open(token: string): Promise<{ article: StoredArticle; claims: PreviewClaims }> {
    const claims = previews.verify(token, nowEpoch());
    if (!claims) throw new NotFoundError(PREVIEW_GONE);
    // Both reads at once: the link check costs no latency.
    const [live, article] = await Promise.all([
      store.previewLinks.isLive(claims.articleId, claims.linkId),
      store.get(claims.articleId),
    ]);
    if (!live || !article || article.status === 'archived') throw new NotFoundError(PREVIEW_GONE);
    return { article, claims };
  }
}
