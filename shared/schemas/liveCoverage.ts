import * as z from 'zod/mini';
import { PublicArticleSchema } from './article.ts';
import { isoTimestamp } from './text.ts';

/**
 * What the public article says of its live coverage (absent on an article that never had any).
 * Apart from shared/schemas/live.ts so the article's schema can hold it without importing entries.
 */
export const PublicCoverageSchema = z
  .object({
    state: z.enum(['live', 'ended']),
    startedAt: isoTimestamp,
    endedAt: z.nullable(isoTimestamp),
    /** Where the entries are read: GET it, then poll it with since. */
    entries: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'PublicCoverage',
    description:
      'Live coverage of the article: live or ended, since and until when, and where its entries are (GET, then poll with since).',
  });
export type PublicCoverage = z.infer<typeof PublicCoverageSchema>;

/**
 * The public article with its coverage: the article's schema, extended here (under the same
 * component name) so shared/schemas/article.ts need not know of live coverage.
 */
export const PublicArticleViewSchema = z
  .extend(PublicArticleSchema, { live: z.optional(PublicCoverageSchema) })
  .register(z.globalRegistry, {
    id: 'PublicArticle',
    description:
      'The live snapshot of an article, as the public sees it; with live when it has or had live coverage (jsonLd is then a LiveBlogPosting).',
  });
export type PublicArticleView = z.infer<typeof PublicArticleViewSchema>;
