import { availableActions, canEditNow } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { ArticleView } from '../schemas/article.ts';
import type { Revision, RevisionSummary } from '../schemas/articleHistory.ts';
import type { ArticleSummary } from '../schemas/articleLists.ts';
import type { AdminComment } from '../schemas/comment.ts';
import { reasonsOf } from '../services/comments/reasons.ts';
import type { StoredArticle } from '../store/articleStore.ts';
import type { StoredComment } from '../store/commentStore.ts';
import { reportSummaryOf } from '../store/comments/reportSummary.ts';
import { FIELDS } from '../store/model.ts';
import { pick } from '../store/parse.ts';

/**
 * The API's view of a working copy: the fields of the Article schema, in its order, so
 * bookkeeping (revisionCount, everLive) can never leak; plus what the caller may do with it now
 * (nothing for a preview link's anonymous reader).
 */
export function presentArticle(a: StoredArticle, principal: Principal | null): ArticleView {
  return {
    ...pick(a, FIELDS.article),
    availableActions: availableActions(principal, a),
    editable: canEditNow(principal, a),
  };
}

export function presentArticleSummary(stored: StoredArticle, principal: Principal): ArticleSummary {
  const { body: _b, ...summary } = presentArticle(stored, principal);
  return summary;
}

export function presentRevisionSummary(revision: Revision): RevisionSummary {
  return pick(revision, FIELDS.revisionSummary);
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
    reasons: reasonsOf(c),
    reportCount: c.reportCount,
    // What readers said (never who): kept only while reports are open.
    reports: reportSummaryOf(c),
    featured: c.featured,
    replyCount: c.replyCount,
    // Entries written before reasons were recorded carry none.
    moderation: c.moderation.map((r) => ({ ...r, reasons: r.reasons ?? [] })),
    // Its version (commentStore's decisionsOf, not imported: this module stays free of the store).
    decisions: c.decisions ?? c.moderation.length,
  };
}
