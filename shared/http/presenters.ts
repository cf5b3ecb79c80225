import type { Article, ArticleSummary, Revision, RevisionSummary } from '../schemas/article.ts';
import type { StoredArticle } from '../store/articleStore.ts';

/** The API's view of a working copy: the stored item less its bookkeeping. */
export function presentArticle(stored: StoredArticle): Article {
  const { revisionCount: _r, everLive: _e, ...article } = stored;
  return article;
}

export function presentArticleSummary(stored: StoredArticle): ArticleSummary {
  const { body: _b, ...summary } = presentArticle(stored);
  return summary;
}

export function presentRevisionSummary(revision: Revision): RevisionSummary {
  const { n, version, savedAt, savedBy, title, action } = revision;
  return { n, version, savedAt, savedBy, title, action };
}
