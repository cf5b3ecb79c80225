import * as z from 'zod/mini';
import {
  ARTICLE_STATUSES,
  COMMENT_STATUSES,
  SEARCH_SORTS,
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

/** The tag typeahead: tags whose slug starts with q. */
export const TagListQuerySchema = z.object({ q: slug('tag') });

export const PublicListQuerySchema = z.object({ section: slug('section'), tag: slug('tag') });

/** Search words: what a person types, bounded (the analyzer reads at most eight words of it). */
const searchText = z
  .string()
  .check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(200, { error: 'must be at most 200 characters' }),
  );
/** A day (2026-12-01) or an ISO 8601 instant with its offset; the range is inclusive. */
const dateBound = z.optional(
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
      error: 'must be a date (2026-12-01) or an ISO 8601 timestamp with offset',
    }),
    z.refine((v) => !Number.isNaN(Date.parse(v)), { error: 'is not a real date' }),
  ),
);
const searchSort = z.optional(z.enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` }));
/** What narrows a search besides its words: a date range and the order. */
const searchFilters = { from: dateBound, to: dateBound, sort: searchSort };

export const AdminListQuerySchema = z.object({
  status: z.optional(z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(', ')}` })),
  section: slug('section'),
  createdBy: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  q: z.optional(searchText),
  ...searchFilters,
});

export const SearchQuerySchema = z.object({ q: searchText, section: slug('section'), ...searchFilters });

export const CommentQueueQuerySchema = z.object({
  status: z.optional(z.enum(COMMENT_STATUSES, { error: `must be one of ${COMMENT_STATUSES.join(', ')}` })),
  articleId: z.optional(z.string().check(z.regex(ULID_PATTERN, { error: 'must be an article id' }))),
  q: z.optional(searchText),
});

/** The queues' counts: of one article's pending and spam comments, or of all. */
export const QueueCountsQuerySchema = z.object({
  articleId: z.optional(z.string().check(z.regex(ULID_PATTERN, { error: 'must be an article id' }))),
});

/** The reported queue and the media library: their words, nothing else. */
export const SearchOnlyQuerySchema = z.object({ q: z.optional(searchText) });

/** The public thread's order: oldest first (the default), newest first, or most replies first. */
export const ThreadQuerySchema = z.object({
  sort: z.optional(z.enum(THREAD_SORTS, { error: `must be one of ${THREAD_SORTS.join(', ')}` })),
});

/** A feed's filter: a section, a tag or an author (the slug of a byline's name); at most one. */
const feedSlug = (what: string) =>
  z.optional(
    z
      .string()
      .check(
        z.maxLength(80, { error: 'must be at most 80 characters' }),
        z.regex(SLUG_PATTERN, { error: `must be a lowercase ${what} slug, e.g. "politics"` }),
      ),
  );
export const FeedQuerySchema = z
  .object({ section: feedSlug('section'), tag: feedSlug('tag'), author: feedSlug('author') })
  .check(
    z.refine((q) => [q.section, q.tag, q.author].filter((v) => v !== undefined).length <= 1, {
      error: 'give at most one of section, tag and author: a feed is of the whole site or of one of them',
    }),
  );
