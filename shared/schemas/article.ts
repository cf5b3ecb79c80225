import * as z from 'zod';
import { ARTICLE_LIMITS, ARTICLE_STATUSES, type ArticleStatus, REVISION_ACTIONS } from './facts.ts';

export { ARTICLE_LIMITS };

import { PREVIEW_TTL } from '../preview.ts';
import { WORKFLOW_ACTIONS } from '../workflow.ts';
import { httpsUrl, isoTimestamp, plainLine, plainText, slugString } from './text.ts';

export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export type { ArticleStatus };

export const SectionSchema = slugString(ARTICLE_LIMITS.section);
export const TagSchema = slugString(ARTICLE_LIMITS.tag);
export const ArticleSlugSchema = slugString(ARTICLE_LIMITS.slug);

const blockText = plainText(ARTICLE_LIMITS.blockText);

export const BlockSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('paragraph'), text: blockText }),
    z.strictObject({
      type: z.literal('heading'),
      level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 2, 3 or 4' }),
      text: plainLine(ARTICLE_LIMITS.title),
    }),
    z.strictObject({
      type: z.literal('quote'),
      text: blockText,
      attribution: plainLine(ARTICLE_LIMITS.byline).optional(),
    }),
    z.strictObject({
      type: z.literal('list'),
      ordered: z.boolean(),
      items: z
        .array(plainText(ARTICLE_LIMITS.blockText))
        .min(1, 'a list needs at least one item')
        .max(ARTICLE_LIMITS.listItems, `at most ${ARTICLE_LIMITS.listItems} items`),
    }),
    z.strictObject({
      type: z.literal('image'),
      src: httpsUrl,
      alt: plainLine(1_000),
      caption: plainLine(1_000).optional(),
    }),
    z.strictObject({ type: z.literal('embed'), url: httpsUrl }),
  ])
  .meta({ id: 'Block', description: 'One block of an article body. Plain text only: no HTML anywhere.' });
export type Block = z.infer<typeof BlockSchema>;

export const BodySchema = z
  .array(BlockSchema)
  .min(1, 'an article needs at least one block')
  .max(ARTICLE_LIMITS.blocks, `at most ${ARTICLE_LIMITS.blocks} blocks`);

export const SourceSchema = z
  .strictObject({
    name: plainLine(ARTICLE_LIMITS.byline),
    url: httpsUrl.optional(),
  })
  .meta({ id: 'Source', description: 'The outlet, document or interview an article draws on.' });
export type Source = z.infer<typeof SourceSchema>;

const TagsSchema = z
  .array(TagSchema)
  .max(ARTICLE_LIMITS.tags, `at most ${ARTICLE_LIMITS.tags} tags`)
  // Order is kept, repeats are dropped: a repeated tag is harmless, not an error worth a round trip.
  .overwrite((tags) => [...new Set(tags)]);

/** Fields an editor may set. Everything else on an article is owned by the server. */
const contentFields = {
  title: plainLine(ARTICLE_LIMITS.title),
  slug: ArticleSlugSchema,
  section: SectionSchema,
  standfirst: z.union([z.literal(''), plainText(ARTICLE_LIMITS.standfirst)]),
  body: BodySchema,
  tags: TagsSchema,
  byline: z.union([z.literal(''), plainLine(ARTICLE_LIMITS.byline)]),
  source: SourceSchema.nullable(),
  commentsEnabled: z.boolean(),
};

export const ArticleCreateSchema = z
  .strictObject({
    title: contentFields.title,
    section: contentFields.section,
    body: contentFields.body,
    slug: contentFields.slug.optional(),
    standfirst: contentFields.standfirst.optional(),
    tags: contentFields.tags.optional(),
    byline: contentFields.byline.optional(),
    source: contentFields.source.optional(),
    commentsEnabled: contentFields.commentsEnabled.optional(),
  })
  .meta({ id: 'ArticleCreate', description: 'A new draft. Everything else is set by the server.' });
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;

export const ArticlePatchSchema = z
  .strictObject({
    title: contentFields.title.optional(),
    slug: contentFields.slug.optional(),
    section: contentFields.section.optional(),
    standfirst: contentFields.standfirst.optional(),
    body: contentFields.body.optional(),
    tags: contentFields.tags.optional(),
    byline: contentFields.byline.optional(),
    source: contentFields.source.optional(),
    commentsEnabled: contentFields.commentsEnabled.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' })
  .meta({ id: 'ArticlePatch', description: 'The content fields to change; at least one.' });
export type ArticlePatch = z.infer<typeof ArticlePatchSchema>;

/** The editable content of an article, as stored in the working copy, revisions and snapshots. */
export const ArticleContentSchema = z.object({
  slug: z.string(),
  title: z.string(),
  section: z.string(),
  standfirst: z.string(),
  body: z.array(BlockSchema),
  tags: z.array(z.string()),
  byline: z.string(),
  source: SourceSchema.nullable(),
  commentsEnabled: z.boolean(),
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;

/** The working copy's fields, as stored. */
export const ArticleSchema = ArticleContentSchema.extend({
  id: z.string(),
  status: ArticleStatusSchema,
  version: z.number().int(),
  commentCount: z.number().int(),
  createdAt: isoTimestamp,
  createdBy: z.string(),
  updatedAt: isoTimestamp,
  updatedBy: z.string(),
  publishedAt: isoTimestamp.nullable(),
  scheduledFor: isoTimestamp.nullable(),
  /** When a live article is to be taken down automatically (an embargoed correction, a time-limited notice). */
  unpublishAt: isoTimestamp.nullable(),
  live: z.boolean(),
  hasUnpublishedChanges: z.boolean(),
});
export type Article = z.infer<typeof ArticleSchema>;

/** The working copy as the API answers it: with what the caller may do with it now. */
export const ArticleViewSchema = ArticleSchema.extend({
  /** The workflow actions the caller may take now: the workflow table applied to this article. */
  availableActions: z.array(z.enum(WORKFLOW_ACTIONS)),
  /** Whether the caller may change its content now (PATCH, revision restore). */
  editable: z.boolean(),
}).meta({
  id: 'Article',
  description:
    'The working copy of an article, with what the caller may do with it now (availableActions, editable).',
});
export type ArticleView = z.infer<typeof ArticleViewSchema>;

export const PublicArticleSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    section: z.string(),
    title: z.string(),
    standfirst: z.string(),
    body: z.array(BlockSchema),
    tags: z.array(z.string()),
    byline: z.string(),
    source: SourceSchema.nullable(),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    commentsEnabled: z.boolean(),
    commentCount: z.number().int(),
  })
  .meta({ id: 'PublicArticle', description: 'The live snapshot of an article, as the public sees it.' });
export type PublicArticle = z.infer<typeof PublicArticleSchema>;

export const PublicArticleSummarySchema = PublicArticleSchema.omit({
  body: true,
  commentCount: true,
  commentsEnabled: true,
  source: true,
}).meta({ id: 'PublicArticleSummary', description: 'A live article in a public list, without its body.' });
export type PublicArticleSummary = z.infer<typeof PublicArticleSummarySchema>;

export const RevisionSummarySchema = z
  .object({
    n: z.number().int(),
    version: z.number().int(),
    savedAt: isoTimestamp,
    savedBy: z.string(),
    title: z.string(),
    action: z.enum(REVISION_ACTIONS),
  })
  .meta({ id: 'RevisionSummary' });
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const RevisionSchema = RevisionSummarySchema.extend({
  articleId: z.string(),
  content: ArticleContentSchema,
}).meta({ id: 'Revision', description: 'An immutable saved version of the article content.' });
export type Revision = z.infer<typeof RevisionSchema>;

export const HistoryEntrySchema = z
  .object({
    at: isoTimestamp,
    actor: z.string(),
    action: z.string(),
    from: ArticleStatusSchema.nullable(),
    to: ArticleStatusSchema.nullable(),
    version: z.number().int(),
    note: z.string().optional(),
    /** For schedule: when the article is to go live. */
    publishAt: isoTimestamp.optional(),
  })
  .meta({ id: 'HistoryEntry', description: 'One entry of the append-only audit trail.' });
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ArticleSummarySchema = ArticleViewSchema.omit({ body: true }).meta({
  id: 'ArticleSummary',
  description: 'A working copy in the admin list, without its body.',
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

export const TransitionSchema = z
  .strictObject({
    action: z.enum(WORKFLOW_ACTIONS, { error: `must be one of ${WORKFLOW_ACTIONS.join(', ')}` }),
    note: plainText(ARTICLE_LIMITS.note).optional(),
    publishAt: isoTimestamp.optional(),
  })
  .meta({
    id: 'Transition',
    description: 'A workflow action; note and publishAt where the action needs them.',
  });
export type TransitionInput = z.infer<typeof TransitionSchema>;

export const UnpublishScheduleSchema = z
  .strictObject({ unpublishAt: isoTimestamp })
  .meta({ id: 'UnpublishSchedule', description: 'When to take the live article down.' });

export const PreviewRequestSchema = z
  .strictObject({
    expiresInSeconds: z
      .number()
      .int()
      .min(PREVIEW_TTL.minSeconds, `must be at least ${PREVIEW_TTL.minSeconds} seconds`)
      .max(PREVIEW_TTL.maxSeconds, `must be at most ${PREVIEW_TTL.maxSeconds} seconds (7 days)`)
      .optional(),
  })
  .meta({ id: 'PreviewRequest', description: 'How long the link lives; 24 hours when not given.' });

export const PreviewLinkSchema = z
  .object({ url: z.string(), token: z.string(), expiresAt: isoTimestamp })
  .meta({
    id: 'PreviewLink',
    description: 'A link that shows the working copy to anyone holding it, until it expires.',
  });
