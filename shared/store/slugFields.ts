import type { Article } from '../schemas/article.ts';
import { listOrEmpty, nullableText, type Shape } from './parse.ts';

/**
 * The working copy's addresses (docs/slugs.md, shared/services/articles/slugMoves.ts); items
 * written before slugs of live articles could change read as null and none.
 */
export const SLUG_FIELDS: Shape<Pick<Article, 'liveSlug' | 'redirects'>> = {
  liveSlug: nullableText,
  redirects: listOrEmpty(),
};
