import { availableActions, canEditNow } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { ArticleSummary, ArticleView, Revision, RevisionSummary } from '../schemas/article.ts';
import type { AdminComment } from '../schemas/comment.ts';
import type { StoredArticle } from '../store/articleStore.ts';
import type { StoredComment } from '../store/commentStore.ts';

/**
 * The API's view of a working copy: the stored item less its bookkeeping, plus what the caller
 * may do with it now (none for a preview link's anonymous reader).
 */
export function presentArticle(a: StoredArticle, principal: Principal | null): ArticleView {
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
    unpublishAt: a.unpublishAt,
    live: a.live,
    hasUnpublishedChanges: a.hasUnpublishedChanges,
    availableActions: availableActions(principal, a),
    editable: canEditNow(principal, a),
  };
}

export function presentArticleSummary(stored: StoredArticle, principal: Principal): ArticleSummary {
  const { body: _b, ...summary } = presentArticle(stored, principal);
  return summary;
}

export function presentRevisionSummary(revision: Revision): RevisionSummary {
  const { n, version, savedAt, savedBy, title, action } = revision;
  return { n, version, savedAt, savedBy, title, action };
}

/** A comment as moderators see it: with the email, without the client fingerprint. */
export function presentAdminComment(c: StoredComment): AdminComment {
  return {
    id: c.id,
    status: c.status,
    article: { id: c.articleId, slug: c.articleSlug, title: c.articleTitle },
    parentId: c.parentId,
    depth: c.depth,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    body: c.body,
    createdAt: c.createdAt,
    flags: c.flags,
    moderation: c.moderation,
  };
}
