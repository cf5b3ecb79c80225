import * as z from 'zod/mini';
import { ARTICLE_STATUSES, COMMENT_STATUSES, SLUG_PATTERN } from '../schemas/facts.ts';

/**
 * Query-string schemas. Written with `zod/mini` because the public read function validates
 * queries too and must stay lean (full zod is ~440 KB minified, see TOOLCHAIN.md). Unknown
 * parameters are ignored: caches and analytics tools add their own.
 */
export const DEFAULT_LIMIT = 20;

const limit = z.optional(
  z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, { error: 'must be a whole number from 1 to 100' })),
);
const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(2048, { error: 'is too long' })));
const slug = (what: string) =>
  z.optional(
    z.string().check(z.regex(SLUG_PATTERN, { error: `must be a lowercase ${what} slug, e.g. "politics"` })),
  );

export const PageQuerySchema = z.object({ limit, cursor });

export const PublicListQuerySchema = z.object({ limit, cursor, section: slug('section'), tag: slug('tag') });

export const AdminListQuerySchema = z.object({
  limit,
  cursor,
  status: z.optional(z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(', ')}` })),
  section: slug('section'),
  createdBy: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

export const pageLimit = (value: string | undefined) => (value === undefined ? DEFAULT_LIMIT : Number(value));

export const CommentQueueQuerySchema = z.object({
  limit,
  cursor,
  status: z.optional(z.enum(COMMENT_STATUSES, { error: `must be one of ${COMMENT_STATUSES.join(', ')}` })),
  articleId: z.optional(
    z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'must be an article id' })),
  ),
});
