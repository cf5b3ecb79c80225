import * as z from 'zod';
import { ArticleCreateSchema } from './article.ts';
import { IMPORT_LIMITS } from './facts.ts';
import { isoTimestamp } from './text.ts';

/**
 * Archive import: stories that were published elsewhere, brought in with their original dates.
 * publishedAt and updatedAt are kept exactly as given, offset included (a story published at
 * 09:30+01:00 says so to readers); feeds order by the instant they name.
 */
export const ImportArticleSchema = ArticleCreateSchema.extend({
  /** The story's id in the system it comes from; importing it again changes nothing. */
  externalId: z
    .string()
    .min(1, 'must not be empty')
    .max(IMPORT_LIMITS.externalId, `must be at most ${IMPORT_LIMITS.externalId} characters`)
    .regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / - only'),
  publishedAt: isoTimestamp,
  updatedAt: isoTimestamp,
  /** Comments the story had on the old site; the thread is closed (comments stay off). */
  legacyCommentCount: z.number().int().min(0).max(1_000_000).optional(),
})
  .refine((a) => Date.parse(a.updatedAt) >= Date.parse(a.publishedAt), {
    path: ['updatedAt'],
    message: 'must not be before publishedAt',
  })
  .refine((a) => Date.parse(a.publishedAt) <= Date.now() + 60_000, {
    path: ['publishedAt'],
    message: 'must not be in the future: an import brings in what was already published',
  })
  .meta({
    id: 'ImportArticle',
    description:
      'One archived story: the fields of ArticleCreate plus its external id, original publishedAt and updatedAt (kept as given, offset included) and the comment count of its closed legacy thread.',
  });
export type ImportArticle = z.infer<typeof ImportArticleSchema>;

export const ImportRequestSchema = z
  .strictObject({
    // Each item is checked on its own, so one bad story is reported without refusing the rest.
    articles: z
      .array(z.record(z.string(), z.unknown()).meta({ description: 'An ImportArticle' }))
      .min(1, 'needs at least one article')
      .max(IMPORT_LIMITS.articles, `at most ${IMPORT_LIMITS.articles} articles per request`),
  })
  .meta({
    id: 'ImportRequest',
    description: `Up to ${IMPORT_LIMITS.articles} archived stories, each an ImportArticle.`,
  });

export const IMPORT_OUTCOMES = ['created', 'unchanged', 'conflict', 'invalid'] as const;

export const ImportResultSchema = z
  .object({
    results: z.array(
      z.object({
        /** The item's place in the request, counting from 0. */
        index: z.number().int(),
        externalId: z.string().nullable(),
        outcome: z.enum(IMPORT_OUTCOMES),
        /** 201 created, 200 unchanged, 409 conflict, 422 invalid: what the item would answer alone. */
        status: z.number().int(),
        id: z.string().optional(),
        slug: z.string().optional(),
        detail: z.string().optional(),
        errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      }),
    ),
  })
  .meta({
    id: 'ImportResult',
    description:
      'One result per article, in the order sent: created, unchanged (imported before, same payload), conflict (imported before with a different payload, or its slug is taken: nothing overwritten) or invalid (with the field errors).',
  });
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type ImportItemResult = ImportResult['results'][number];
