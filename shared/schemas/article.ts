import * as z from 'zod';
import { ARTICLE_LIMITS, ARTICLE_STATUSES, type ArticleStatus, REVISION_ACTIONS } from './facts.ts';

export { ARTICLE_LIMITS };

import { PREVIEW_TTL } from '../preview.ts';
import { WORKFLOW_ACTIONS } from '../workflow.ts';
import { MEDIA_LIMITS } from './facts.ts';
import { ListImageSchema, MediaIdSchema, MediaRefSchema, PublicImageSchema } from './media.ts';
import { richBlockText, richLine } from './richText.ts';
import { httpsUrl, isoTimestamp, plainLine, plainText, slugString } from './text.ts';

export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export type { ArticleStatus };

export const SectionSchema = slugString(ARTICLE_LIMITS.section);
export const TagSchema = slugString(ARTICLE_LIMITS.tag);
export const ArticleSlugSchema = slugString(ARTICLE_LIMITS.slug);

const blockText = richBlockText(ARTICLE_LIMITS.blockText);
/** A quote's reporting clause ("she told the committee on Tuesday"), before or after the words. */
const quoteClause = richBlockText(ARTICLE_LIMITS.quoteClause);

export const BlockSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('paragraph'), text: blockText }),
    z.strictObject({
      type: z.literal('heading'),
      level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 2, 3 or 4' }),
      text: richLine(ARTICLE_LIMITS.title),
    }),
    z.strictObject({
      type: z.literal('quote'),
      /** The quoted words, without quotation marks: the frontend adds them in its house style. */
      text: blockText,
      /** Who said it, as a name a frontend can show or mark up (a pull quote's credit). */
      attribution: plainLine(ARTICLE_LIMITS.byline).optional(),
      /** The reporting clause before the words, e.g. "Asked about the cost, the manager said". */
      before: quoteClause.optional(),
      /** The reporting clause after the words, e.g. "she told the committee on Tuesday." */
      after: quoteClause.optional(),
    }),
    z.strictObject({
      type: z.literal('list'),
      ordered: z.boolean(),
      items: z
        .array(richBlockText(ARTICLE_LIMITS.blockText))
        .min(1, 'a list needs at least one item')
        .max(ARTICLE_LIMITS.listItems, `at most ${ARTICLE_LIMITS.listItems} items`),
    }),
    z
      .strictObject({
        type: z.literal('image'),
        /** An image of the media library: src, and alt when empty, are filled from the library. */
        mediaId: MediaIdSchema.optional(),
        /** An image hosted elsewhere (an https URL, alt required), or for a library image its widest rendition. */
        src: z.string().max(2048, 'must be at most 2048 characters').default(''),
        alt: z.union([z.literal(''), plainLine(MEDIA_LIMITS.alt)]).default(''),
        caption: plainLine(MEDIA_LIMITS.caption).optional(),
      })
      .check((ctx) => {
        const block = ctx.value;
        if (block.mediaId !== undefined) return;
        const issue = (path: string, message: string) =>
          ctx.issues.push({ code: 'custom', input: block, path: [path], message });
        if (block.src === '') issue('mediaId', 'an image needs mediaId (from the media library) or src');
        else if (!httpsUrl.safeParse(block.src).success) issue('src', 'must be an absolute https URL');
        else if (block.alt === '') issue('alt', 'is required for an image given by src');
      }),
    z.strictObject({ type: z.literal('embed'), url: httpsUrl }),
  ])
  .meta({
    id: 'Block',
    description:
      "One block of an article body. Text is rich text: an array of spans (text plus bold, italic and link marks), or on input a plain string for one unmarked span. Never HTML: text is literal characters. A quote renders as before + the quoted words (in quotation marks) + after. An image is an image of the media library by mediaId (alt and caption optional: they default to the library's), or an external https src with alt.",
  });
export type Block = z.infer<typeof BlockSchema>;

/**
 * A block as the public article carries it: the same blocks, with a library image resolved to
 * src, srcset, width, height, alt, caption and credit (at publish time, into the live snapshot).
 */
export const PublicImageBlockSchema = z
  .object({
    type: z.literal('image'),
    src: z.string(),
    alt: z.string(),
    caption: z.string().nullable().optional(),
    mediaId: z.string().optional(),
    srcset: z.string().optional(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
    credit: z.string().nullable().optional(),
  })
  .meta({
    id: 'PublicImageBlock',
    description:
      'An image block for readers. A media library image has mediaId, srcset, width, height and credit; an external one only src, alt and caption.',
  });
export type PublicImageBlock = z.infer<typeof PublicImageBlockSchema>;
export type PublicBlock = Exclude<Block, { type: 'image' }> | PublicImageBlock;
export const PublicBlockSchema = z
  .union([
    ...BlockSchema.options.filter(
      (o): o is Exclude<(typeof BlockSchema.options)[number], { shape: { type: z.ZodLiteral<'image'> } }> =>
        o.shape.type.value !== 'image',
    ),
    PublicImageBlockSchema,
  ])
  .meta({ id: 'PublicBlock', description: 'One block of a live article: a library image comes resolved.' });

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

export const SeoSchema = z
  .strictObject({
    /** The title for search results and the browser tab, when it should differ from the headline. */
    metaTitle: plainLine(ARTICLE_LIMITS.metaTitle).optional(),
    metaDescription: plainLine(ARTICLE_LIMITS.metaDescription).optional(),
    /** Where the original lives, for syndicated or republished stories. */
    canonicalUrl: httpsUrl.optional(),
    /** The image shown when the article is shared, hosted elsewhere (an https URL). */
    socialImageUrl: httpsUrl.optional(),
    /** The image shown when the article is shared, from the media library (preferred). */
    socialImage: z.strictObject({ mediaId: MediaIdSchema }).optional(),
    /** Ask search engines not to index the article. */
    noindex: z.boolean().default(false),
  })
  .meta({
    id: 'Seo',
    description: 'Search and sharing fields. Frontends fall back to title and standfirst where absent.',
  });
export type Seo = z.infer<typeof SeoSchema>;

export const PublicSeoSchema = SeoSchema.omit({ socialImage: true })
  .extend({ socialImage: PublicImageSchema.optional() })
  .meta({ id: 'PublicSeo', description: 'Search and sharing fields, the social image resolved.' });
export type PublicSeo = z.infer<typeof PublicSeoSchema>;

const TagsSchema = z
  .array(TagSchema)
  .max(ARTICLE_LIMITS.tags, `at most ${ARTICLE_LIMITS.tags} tags`)
  // Order is kept, repeats are dropped: a repeated tag is harmless, not an error worth a round trip.
  .overwrite((tags) => [...new Set(tags)]);

/** A correction published with a live article: what was wrong and when it was put right. */
export const PublicCorrectionSchema = z
  .object({ text: z.string(), at: isoTimestamp })
  .meta({ id: 'Correction', description: 'A published correction: its text and when it was made.' });
export type PublicCorrection = z.infer<typeof PublicCorrectionSchema>;

/** As the working copy keeps it: also who made it (an account id, not shown to the public). */
export const CorrectionRecordSchema = PublicCorrectionSchema.extend({ by: z.string() }).meta({
  id: 'CorrectionRecord',
  description: 'A correction as editors see it: text, time and the editor who made it.',
});
export type CorrectionRecord = z.infer<typeof CorrectionRecordSchema>;

export const CorrectionCreateSchema = z.strictObject({ text: plainText(ARTICLE_LIMITS.correction) }).meta({
  id: 'CorrectionCreate',
  description: 'What was wrong and what is right now, as readers will read it.',
});

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
  seo: SeoSchema,
  leadImage: MediaRefSchema.nullable(),
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
    seo: contentFields.seo.optional(),
    leadImage: contentFields.leadImage.optional(),
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
    seo: contentFields.seo.optional(),
    leadImage: contentFields.leadImage.optional(),
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
  seo: SeoSchema,
  /** The image at the top of the article and on its teasers, from the media library; null for none. */
  leadImage: MediaRefSchema.nullable(),
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;

/** The working copy's fields, as stored. */
export const ArticleSchema = ArticleContentSchema.extend({
  id: z.string(),
  status: ArticleStatusSchema,
  version: z.number().int(),
  commentCount: z.number().int(),
  /** Approved comments a moderator featured, always exact like commentCount. */
  featuredCount: z.number().int(),
  /**
   * When comments close (or closed): stamped at first publication from the closeAfterDays
   * setting, then set by hand with close and reopen. Null: they do not close by themselves.
   */
  commentsCloseAt: isoTimestamp.nullable(),
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
  /** Corrections made while live, newest first; they stay with the article. */
  corrections: z.array(CorrectionRecordSchema),
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
    body: z.array(PublicBlockSchema),
    tags: z.array(z.string()),
    byline: z.string(),
    source: SourceSchema.nullable(),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    commentsEnabled: z.boolean(),
    commentCount: z.number().int(),
    /** Approved comments a moderator featured (GET .../comments/featured lists them). */
    featuredCount: z.number().int(),
    /** Whether a comment posted now would be taken: enabled, and not closed. */
    commentsOpen: z.boolean(),
    /** When comments close or closed; null when they do not close by themselves. */
    commentsCloseAt: isoTimestamp.nullable(),
    seo: PublicSeoSchema,
    leadImage: PublicImageSchema.nullable(),
    /** Corrections, newest first: news outlets publish them openly. */
    corrections: z.array(PublicCorrectionSchema),
  })
  .meta({ id: 'PublicArticle', description: 'The live snapshot of an article, as the public sees it.' });
export type PublicArticle = z.infer<typeof PublicArticleSchema>;

export const PublicArticleSummarySchema = PublicArticleSchema.omit({
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
})
  .extend({ leadImage: ListImageSchema.nullable() })
  .meta({
    id: 'PublicArticleSummary',
    description: 'A live article in a public list, without its body; its lead image as an <img> needs it.',
  });
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
    /** For comments-reopened: when they close again by themselves (absent: when closed by hand). */
    commentsCloseAt: isoTimestamp.optional(),
  })
  .meta({
    id: 'HistoryEntry',
    description:
      'One entry of the append-only audit trail. Besides the workflow actions: comments-closed and comments-reopened (who, when, the reason as note), which make no version and carry the version they happened at.',
  });
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
