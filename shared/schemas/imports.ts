import * as z from 'zod/mini';
import { ArticleCreateSchema } from './article.ts';
import { IMPORT_LIMITS } from './facts.ts';
import { isoTimestamp } from './text.ts';

/**
 * Archive import: stories that were published elsewhere, brought in with their original dates.
 * publishedAt and updatedAt are kept exactly as given, offset included (a story published at
 * 09:30+01:00 says so to readers); feeds order by the instant they name.
 */
export const ImportArticleSchema = z
  .extend(ArticleCreateSchema, {
    /** The story's id in the system it comes from; importing it again changes nothing. */
    externalId: z
      .string()
      .check(
        z.minLength(1, 'must not be empty'),
        z.maxLength(IMPORT_LIMITS.externalId, `must be at most ${IMPORT_LIMITS.externalId} characters`),
        z.regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / - only'),
      ),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    /**
     * An imported thread stays closed: its count is the old site's, and new comments would mix
     * into it. The field is inherited from ArticleCreate, so it stays accepted as `false` (a
     * payload that says what the contract holds is not wrong); `true` is refused naming it.
     */
    commentsEnabled: z.optional(
      z.literal(false, 'must be false or left out: an imported thread stays closed (comments are off)'),
    ),
    /** Comments the story had on the old site; the thread is closed (comments stay off). */
    legacyCommentCount: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1_000_000))),
  })
  .check(
    z.refine((a) => Date.parse(a.updatedAt) >= Date.parse(a.publishedAt), {
      path: ['updatedAt'],
      message: 'must not be before publishedAt',
    }),
    z.refine((a) => Date.parse(a.publishedAt) <= Date.now() + 60_000, {
      path: ['publishedAt'],
      message: 'must not be in the future: an import brings in what was already published',
    }),
  )
  .register(z.globalRegistry, {
    id: 'ImportArticle',
    description:
      'One archived story: the fields of ArticleCreate plus its external id, original publishedAt and updatedAt (kept as given, offset included) and the comment count of its closed legacy thread. Its thread stays closed: commentsEnabled may be left out or false; true is invalid (422 naming commentsEnabled).',
  });
export type ImportArticle = z.infer<typeof ImportArticleSchema>;

export const ImportRequestSchema = z
  .strictObject({
    // Each item is checked on its own, so one bad story is reported without refusing the rest.
    articles: z
      .array(
        z.record(z.string(), z.unknown()).register(z.globalRegistry, { description: 'An ImportArticle' }),
      )
      .check(
        z.minLength(1, 'needs at least one article'),
        z.maxLength(IMPORT_LIMITS.articles, `at most ${IMPORT_LIMITS.articles} articles per request`),
      ),
  })
  .register(z.globalRegistry, {
    id: 'ImportRequest',
    description: `Up to ${IMPORT_LIMITS.articles} archived stories, each an ImportArticle.`,
  });

export const IMPORT_OUTCOMES = ['created', 'unchanged', 'conflict', 'invalid'] as const;

export const ImportResultSchema = z
  .object({
    results: z.array(
      z.object({
        /** The item's place in the request, counting from 0. */
        index: z.number().check(z.int()),
        externalId: z.nullable(z.string()),
        outcome: z.enum(IMPORT_OUTCOMES),
        /** 201 created, 200 unchanged, 409 conflict, 422 invalid: what the item would answer alone. */
        status: z.number().check(z.int()),
        id: z.optional(z.string()),
        slug: z.optional(z.string()),
        detail: z.optional(z.string()),
        errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
      }),
    ),
  })
  .register(z.globalRegistry, {
    id: 'ImportResult',
    description:
      'One result per article, in the order sent: created, unchanged (imported before, same payload), conflict (imported before with a different payload, or its slug is taken: nothing overwritten) or invalid (with the field errors).',
  });
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type ImportItemResult = ImportResult['results'][number];
