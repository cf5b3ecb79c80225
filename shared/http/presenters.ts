import type { Article, ArticleSummary, Revision, RevisionSummary } from '../schemas/article.ts';
import type { StoredArticle } from '../store/articleStore.ts';

/** The API's view of a working copy: the stored item less its bookkeeping. */
export function presentArticle(a: StoredArticle): Article {
  // Listed field by field so bookkeeping (revisionCount, everLive) can never leak, and the JSON
  // reads in a sensible order.
  return {
    id: a.id,
    slug: a.slug,
    status: a.status,
    version: a.version,
    section: a.section,
    title: a.title,
    standfirst: a.standfirst,
    body: a.body,
    tags: a.tags,
    byline: a.byline,
    source: a.source,
    commentsEnabled: a.commentsEnabled,
    commentCount: a.commentCount,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    updatedAt: a.updatedAt,
    updatedBy: a.updatedBy,
    publishedAt: a.publishedAt,
    scheduledFor: a.scheduledFor,
    live: a.live,
    hasUnpublishedChanges: a.hasUnpublishedChanges,
  };
}

export function presentArticleSummary(stored: StoredArticle): ArticleSummary {
  const { body: _b, ...summary } = presentArticle(stored);
  return summary;
}

export function presentRevisionSummary(revision: Revision): RevisionSummary {
  const { n, version, savedAt, savedBy, title, action } = revision;
  return { n, version, savedAt, savedBy, title, action };
}
