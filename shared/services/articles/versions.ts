import type { ArticleStatus } from '../../schemas/article.ts';
import type { HistoryEntry, Revision } from '../../schemas/articleHistory.ts';
import type { RevisionAction } from '../../schemas/facts.ts';
import { contentOf, type StoredArticle } from '../../store/articleStore.ts';

/** Who changed an article, how and when: what its audit entry records. */
export interface Change {
  actor: string;
  action: string;
  at: string;
  note?: string | undefined;
  /** For schedule and schedule_unpublish: when the trigger is due. */
  publishAt?: string | undefined;
}

export interface NextVersion {
  next: StoredArticle;
  audit: HistoryEntry;
}

/**
 * Every write to an article makes its next version and the audit entry that records it; this is
 * the one place both are built, so the trail can never disagree with the article.
 */
export function nextVersion(
  article: StoredArticle,
  to: ArticleStatus,
  change: Change,
  fields: Partial<StoredArticle> = {},
): NextVersion {
  const next: StoredArticle = {
    ...article,
    ...fields,
    status: to,
    version: article.version + 1,
    updatedAt: change.at,
    updatedBy: change.actor,
  };
  return { next, audit: auditEntry(article.status, next, change) };
}

/** The audit entry of a new article's first version. */
export const firstVersionAudit = (article: StoredArticle, change: Change): HistoryEntry =>
  auditEntry(null, article, change);

function auditEntry(from: ArticleStatus | null, next: StoredArticle, change: Change): HistoryEntry {
  return {
    at: change.at,
    actor: change.actor,
    action: change.action,
    from,
    to: next.status,
    version: next.version,
    ...(change.note ? { note: change.note } : {}),
    ...(change.publishAt ? { publishAt: change.publishAt } : {}),
  };
}

/** The immutable revision of a version that saves content; it is revision number `revisionCount`. */
export function revisionOf(article: StoredArticle, action: RevisionAction, audit: HistoryEntry): Revision {
  return {
    articleId: article.id,
    n: article.revisionCount,
    version: article.version,
    savedAt: audit.at,
    savedBy: audit.actor,
    title: article.title,
    action,
    content: contentOf(article),
  };
}
