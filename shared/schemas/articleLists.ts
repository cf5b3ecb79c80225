import * as z from 'zod/mini';
import { ArticleViewSchema, PublicArticleSchema } from './article.ts';
import { ListImageSchema } from './media.ts';

/** Articles in lists: the public lists and search hits, and the admin list (no bodies). */
export const PublicArticleSummarySchema = z
  .extend(
    z.omit(PublicArticleSchema, {
      body: true,
      commentCount: true,
      featuredCount: true,
      commentsOpen: true,
      commentsCloseAt: true,
      commentsEnabled: true,
      source: true,
      corrections: true,
      seo: true,
      leadImage: true,
      jsonLd: true,
    }),
    { leadImage: z.nullable(ListImageSchema) },
  )
  .register(z.globalRegistry, {
    id: 'PublicArticleSummary',
    description: 'A live article in a public list, without its body; its lead image as an <img> needs it.',
  });
export type PublicArticleSummary = z.infer<typeof PublicArticleSummarySchema>;

/** A search hit's passage: the words the query found are the pieces with match true. */
export const ExcerptSchema = z
  .array(z.object({ text: z.string(), match: z.boolean() }))
  .register(z.globalRegistry, {
    id: 'Excerpt',
    description:
      'A short passage around the first word a search found, as pieces of plain text in order; the pieces with match true are the words found, to highlight. Joined, the pieces are the passage (an ellipsis where it was cut). Never markup.',
  });
export type Excerpt = z.infer<typeof ExcerptSchema>;

export const SearchHitSchema = z
  .extend(PublicArticleSummarySchema, { excerpt: ExcerptSchema })
  .register(z.globalRegistry, {
    id: 'SearchHit',
    description: 'A live article found by a search: its list entry, and the words found in an excerpt.',
  });
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const ArticleSummarySchema = z
  .extend(z.omit(ArticleViewSchema, { body: true }), {
    /** Only in a search (q): the words found, in a passage of the standfirst and body. */
    excerpt: z.optional(ExcerptSchema),
  })
  .register(z.globalRegistry, {
    id: 'ArticleSummary',
    description:
      'A working copy in the admin list, without its body. In a search (q), with an excerpt marking the words found.',
  });
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;
