import * as z from 'zod/mini';
import {
  ARTICLE_STATUSES,
  COMMENT_STATUSES,
  SLUG_PATTERN,
  THREAD_SORTS,
  ULID_PATTERN,
} from '../schemas/facts.ts';
// zod's English messages for checks without their own, so a bad query reads the same deployed as here.
import '../schemas/messages.ts';

/**
 * Query-string filters, one schema per list. Written with `zod/mini` because the public read
 * function validates queries too and must stay lean (full zod is ~440 KB minified). Paging
 * parameters (`limit`, `cursor`) are not here: `paged` routes get them from shared/http/paging.ts.
 * Unknown parameters are ignored: caches and analytics tools add their own.
 */
const slug = (what: string) =>
  z.optional(
    z.string().check(z.regex(SLUG_PATTERN, { error: `must be a lowercase ${what} slug, e.g. "politics"` })),
  );

export const PublicListQuerySchema = z.object({ section: slug('section'), tag: slug('tag') });

export const AdminListQuerySchema = z.object({
  status: z.optional(z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(', ')}` })),
  section: slug('section'),
  createdBy: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

export const CommentQueueQuerySchema = z.object({
  status: z.optional(z.enum(COMMENT_STATUSES, { error: `must be one of ${COMMENT_STATUSES.join(', ')}` })),
  articleId: z.optional(z.string().check(z.regex(ULID_PATTERN, { error: 'must be an article id' }))),
});

/** The public thread's order: oldest first (the default), newest first, or most replies first. */
export const ThreadQuerySchema = z.object({
  sort: z.optional(z.enum(THREAD_SORTS, { error: `must be one of ${THREAD_SORTS.join(', ')}` })),
});
