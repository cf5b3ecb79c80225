import { ConflictError } from '../../errors.ts';
import type { SlugRedirect } from '../../schemas/slugRedirect.ts';
import type { StoredArticle } from '../../store/model.ts';

/**
 * Changing the slug of an article that has been live (docs/slugs.md). The working copy's `slug`
 * is what the next publication uses; `liveSlug` what readers have until then. Every slug the
 * article ever had live keeps its claim (a redirect must never start showing another story), so
 * moving back to one of them claims nothing.
 */

/**
 * Each earlier slug is one more item a moving publication rewrites (redirects are one hop) and one
 * more CDN path to purge: a bound keeps both small (CloudFront allows 15 wildcard paths in flight).
 */
export const MAX_REDIRECTS = 8;

/** The slug readers have, or had while it is dark; null before first publication. */
export const liveSlugOf = (a: Pick<StoredArticle, 'liveSlug' | 'everLive' | 'slug'>): string | null =>
  a.liveSlug ?? (a.everLive ? a.slug : null);

/** The slugs the article keeps for good: its live one and every one that redirects. */
const keptSlugs = (a: StoredArticle): Set<string> => {
  const live = liveSlugOf(a);
  return new Set([...(live === null ? [] : [live]), ...a.redirects.map((r) => r.from)]);
};

/** The claim and release a content save makes when the slug changes (none when it does not). */
export function slugClaimsOf(
  article: StoredArticle,
  next: string,
): { claimSlug?: string; releaseSlug?: string } {
  if (next === article.slug) return {};
  const kept = keptSlugs(article);
  const live = liveSlugOf(article);
  if (live !== null && next !== live && !kept.has(next) && article.redirects.length >= MAX_REDIRECTS) {
    throw new ConflictError(
      `This article already has ${MAX_REDIRECTS} earlier slugs redirecting to it; it cannot move to a new one.`,
    );
  }
  return {
    ...(kept.has(next) ? {} : { claimSlug: next }),
    // A slug chosen since the last publication and never live is free again.
    ...(kept.has(article.slug) ? {} : { releaseSlug: article.slug }),
  };
}

/**
 * What a publication of `next` does to the article's addresses: the redirects it leaves (the slug
 * it moves from first, the one it moves to no longer among them), and the slug it moves from.
 */
export function slugMoveOf(
  article: StoredArticle,
  nextSlug: string,
  at: string,
): { from: string; redirects: SlugRedirect[] } | null {
  const live = liveSlugOf(article);
  if (live === null || live === nextSlug) return null;
  return {
    from: live,
    redirects: [
      { from: live, createdAt: at },
      ...article.redirects.filter((r) => r.from !== nextSlug && r.from !== live),
    ],
  };
}
