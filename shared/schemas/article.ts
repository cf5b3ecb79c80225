import * as z from 'zod/mini';
import { ArticleAuthorSchema, ArticleAuthorsSchema } from './author.ts';
import { ARTICLE_LIMITS, ARTICLE_STATUSES, type ArticleStatus, REVISION_ACTIONS } from './facts.ts';

export { ARTICLE_LIMITS, type ArticleStatus };

import { PREVIEW_TTL } from '../preview.ts';
import { WORKFLOW_ACTIONS } from '../workflow.ts';
import { AccessSchema } from './access.ts';
import { MEDIA_LIMITS } from './facts.ts';
import { LeadImageRefSchema, ListImageSchema, MediaIdSchema, PublicImageSchema } from './media.ts';
import { richBlockText, richLine } from './richText.ts';
import { ADDRESS_FIELDS } from './slugRedirect.ts';
import { httpsUrl, isoTimestamp, plainLine, plainText, slugString } from './text.ts';

/**
 * Articles as editors send them and as the API answers, in `zod/mini` like every schema a function
 * builds: full zod made the editorial cold start 1.6-1.9x the floor's (docs/performance.md). The
 * checks, messages, defaults, transforms and the generated OpenAPI document are full zod's exactly.
 */
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export const SectionSchema = slugString(ARTICLE_LIMITS.section);
export const TagSchema = slugString(ARTICLE_LIMITS.tag);
export const ArticleSlugSchema = slugString(ARTICLE_LIMITS.slug);
const blockText = richBlockText(ARTICLE_LIMITS.blockText);
/** A quote's reporting clause ("she told the committee on Tuesday"), before or after the words. */
const quoteClause = richBlockText(ARTICLE_LIMITS.quoteClause);

/** The blocks but the image: the same in an article as sent and as readers get it. */
const paragraphBlock = z.strictObject({ type: z.literal('paragraph'), text: blockText });
const headingBlock = z.strictObject({
  type: z.literal('heading'),
  level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 2, 3 or 4' }),
  text: richLine(ARTICLE_LIMITS.title),
});
const quoteBlock = z.strictObject({
  type: z.literal('quote'),
  /** The quoted words, without quotation marks: the frontend adds them in its house style. */
  text: blockText,
  /** Who said it, as a name a frontend can show or mark up (a pull quote's credit). */
  attribution: z.optional(plainLine(ARTICLE_LIMITS.byline)),
  /** The reporting clause before the words, e.g. "Asked about the cost, the manager said". */
  before: z.optional(quoteClause),
  /** The reporting clause after the words, e.g. "she told the committee on Tuesday." */
  after: z.optional(quoteClause),
});
const listBlock = z.strictObject({
  type: z.literal('list'),
  ordered: z.boolean(),
  items: z
    .array(richBlockText(ARTICLE_LIMITS.blockText))
    .check(
      z.minLength(1, 'a list needs at least one item'),
      z.maxLength(ARTICLE_LIMITS.listItems, `at most ${ARTICLE_LIMITS.listItems} items`),
    ),
});
const embedBlock = z.strictObject({ type: z.literal('embed'), url: httpsUrl });

const imageBlock = z
  .strictObject({
    type: z.literal('image'),
    /** An image of the media library: src, and alt when empty, are filled from the library. */
    mediaId: z.optional(MediaIdSchema),
    /** An image hosted elsewhere (an https URL, alt required), or for a library image its widest rendition. */
    src: z._default(z.string().check(z.maxLength(2048, 'must be at most 2048 characters')), ''),
    alt: z._default(z.union([z.literal(''), plainLine(MEDIA_LIMITS.alt)]), ''),
    caption: z.optional(plainLine(MEDIA_LIMITS.caption)),
  })
  .check((ctx) => {
    const block = ctx.value;
    if (block.mediaId !== undefined) return;
    const issue = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', input: block, path: [path], message });
    if (block.src === '') issue('mediaId', 'an image needs mediaId (from the media library) or src');
    else if (!httpsUrl.safeParse(block.src).success) issue('src', 'must be an absolute https URL');
    else if (block.alt === '') issue('alt', 'is required for an image given by src');
  });

export const BlockSchema = z
  .discriminatedUnion('type', [paragraphBlock, headingBlock, quoteBlock, listBlock, imageBlock, embedBlock])
  .register(z.globalRegistry, {
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
    caption: z.optional(z.nullable(z.string())),
    mediaId: z.optional(z.string()),
    srcset: z.optional(z.string()),
    width: z.optional(z.number().check(z.int())),
    height: z.optional(z.number().check(z.int())),
    credit: z.optional(z.nullable(z.string())),
  })
  .register(z.globalRegistry, {
    id: 'PublicImageBlock',
    description:
      'An image block for readers. A media library image has mediaId, srcset, width, height and credit; an external one only src, alt and caption.',
  });
export type PublicImageBlock = z.infer<typeof PublicImageBlockSchema>;
export type PublicBlock = Exclude<Block, { type: 'image' }> | PublicImageBlock;
export const PublicBlockSchema = z
  .union([paragraphBlock, headingBlock, quoteBlock, listBlock, embedBlock, PublicImageBlockSchema])
  .register(z.globalRegistry, {
    id: 'PublicBlock',
    description: 'One block of a live article: a library image comes resolved.',
  });

export const BodySchema = z
  .array(BlockSchema)
  .check(
    z.minLength(1, 'an article needs at least one block'),
    z.maxLength(ARTICLE_LIMITS.blocks, `at most ${ARTICLE_LIMITS.blocks} blocks`),
  );

export const SourceSchema = z
  .strictObject({
    name: plainLine(ARTICLE_LIMITS.byline),
    url: z.optional(httpsUrl),
  })
  .register(z.globalRegistry, {
    id: 'Source',
    description: 'The outlet, document or interview an article draws on.',
  });
export type Source = z.infer<typeof SourceSchema>;

export const SeoSchema = z
  .strictObject({
    /** The title for search results and the browser tab, when it should differ from the headline. */
    metaTitle: z.optional(plainLine(ARTICLE_LIMITS.metaTitle)),
    metaDescription: z.optional(plainLine(ARTICLE_LIMITS.metaDescription)),
    /** Where the original lives, for syndicated or republished stories. */
    canonicalUrl: z.optional(httpsUrl),
    /** The image shown when the article is shared, hosted elsewhere (an https URL). */
    socialImageUrl: z.optional(httpsUrl),
    /** The image shown when the article is shared, from the media library (preferred). */
    socialImage: z.optional(z.strictObject({ mediaId: MediaIdSchema })),
    /** Ask search engines not to index the article. */
    noindex: z._default(z.boolean(), false),
  })
  .register(z.globalRegistry, {
    id: 'Seo',
    description: 'Search and sharing fields. Frontends fall back to title and standfirst where absent.',
  });
export type Seo = z.infer<typeof SeoSchema>;

export const PublicSeoSchema = z
  .extend(z.omit(SeoSchema, { socialImage: true }), { socialImage: z.optional(PublicImageSchema) })
  .register(z.globalRegistry, {
    id: 'PublicSeo',
    description: 'Search and sharing fields, the social image resolved.',
  });
export type PublicSeo = z.infer<typeof PublicSeoSchema>;

const TagsSchema = z.array(TagSchema).check(
  z.maxLength(ARTICLE_LIMITS.tags, `at most ${ARTICLE_LIMITS.tags} tags`),
  // Order is kept, repeats are dropped: a repeated tag is harmless, not an error worth a round trip.
  z.overwrite((tags: string[]) => [...new Set(tags)]),
);

/** A correction published with a live article: what was wrong and when it was put right. */
export const PublicCorrectionSchema = z
  .object({ text: z.string(), at: isoTimestamp })
  .register(z.globalRegistry, {
    id: 'Correction',
    description: 'A published correction: its text and when it was made.',
  });
export type PublicCorrection = z.infer<typeof PublicCorrectionSchema>;

/** As the working copy keeps it: also who made it (an account id, not shown to the public). */
export const CorrectionRecordSchema = z
  .extend(PublicCorrectionSchema, { by: z.string() })
  .register(z.globalRegistry, {
    id: 'CorrectionRecord',
    description: 'A correction as editors see it: text, time and the editor who made it.',
  });
export type CorrectionRecord = z.infer<typeof CorrectionRecordSchema>;

export const CorrectionCreateSchema = z
  .strictObject({ text: plainText(ARTICLE_LIMITS.correction) })
  .register(z.globalRegistry, {
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
  source: z.nullable(SourceSchema),
  commentsEnabled: z.boolean(),
  seo: SeoSchema,
  leadImage: z.nullable(LeadImageRefSchema),
  authors: ArticleAuthorsSchema,
};

export const ArticleCreateSchema = z
  .strictObject({
    title: contentFields.title,
    section: contentFields.section,
    body: contentFields.body,
    slug: z.optional(contentFields.slug),
    standfirst: z.optional(contentFields.standfirst),
    tags: z.optional(contentFields.tags),
    byline: z.optional(contentFields.byline),
    source: z.optional(contentFields.source),
    commentsEnabled: z.optional(contentFields.commentsEnabled),
    seo: z.optional(contentFields.seo),
    leadImage: z.optional(contentFields.leadImage),
    access: z.optional(AccessSchema),
    authors: z.optional(contentFields.authors),
  })
  .register(z.globalRegistry, {
    id: 'ArticleCreate',
    description: 'A new draft. Everything else is set by the server.',
  });
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;

export const ArticlePatchSchema = z
  .strictObject({
    title: z.optional(contentFields.title),
    slug: z.optional(contentFields.slug),
    section: z.optional(contentFields.section),
    standfirst: z.optional(contentFields.standfirst),
    body: z.optional(contentFields.body),
    tags: z.optional(contentFields.tags),
    byline: z.optional(contentFields.byline),
    source: z.optional(contentFields.source),
    commentsEnabled: z.optional(contentFields.commentsEnabled),
    seo: z.optional(contentFields.seo),
    leadImage: z.optional(contentFields.leadImage),
    access: z.optional(AccessSchema),
    authors: z.optional(contentFields.authors),
  })
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' }),
  )
  .register(z.globalRegistry, {
    id: 'ArticlePatch',
    description: 'The content fields to change; at least one.',
  });
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
  source: z.nullable(SourceSchema),
  commentsEnabled: z.boolean(),
  seo: SeoSchema,
  /** The image at the top of the article and on its teasers, from the media library; null for none. */
  leadImage: z.nullable(LeadImageRefSchema),
  access: AccessSchema,
  authors: z.array(z.string()),
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;

/** The working copy's fields, as stored. */
export const ArticleSchema = z.extend(ArticleContentSchema, {
  id: z.string(),
  status: ArticleStatusSchema,
  version: z.number().check(z.int()),
  commentCount: z.number().check(z.int()),
  /** Approved comments a moderator featured, always exact like commentCount. */
  featuredCount: z.number().check(z.int()),
  /**
   * When comments close (or closed): stamped at first publication from the closeAfterDays
   * setting, then set by hand with close and reopen. Null: they do not close by themselves.
   */
  commentsCloseAt: z.nullable(isoTimestamp),
  createdAt: isoTimestamp,
  createdBy: z.string(),
  updatedAt: isoTimestamp,
  updatedBy: z.string(),
  publishedAt: z.nullable(isoTimestamp),
  scheduledFor: z.nullable(isoTimestamp),
  /** When a live article is to be taken down automatically (an embargoed correction, a time-limited notice). */
  unpublishAt: z.nullable(isoTimestamp),
  live: z.boolean(),
  hasUnpublishedChanges: z.boolean(),
  /** Corrections made while live, newest first; they stay with the article. */
  corrections: z.array(CorrectionRecordSchema),
  ...ADDRESS_FIELDS,
});
export type Article = z.infer<typeof ArticleSchema>;

/** The working copy as the API answers it: with what the caller may do with it now. */
export const ArticleViewSchema = z
  .extend(ArticleSchema, {
    /** The workflow actions the caller may take now: the workflow table applied to this article. */
    availableActions: z.array(z.enum(WORKFLOW_ACTIONS)),
    /** Whether the caller may change its content now (PATCH, revision restore). */
    editable: z.boolean(),
  })
  .register(z.globalRegistry, {
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
    authors: z.array(ArticleAuthorSchema),
    source: z.nullable(SourceSchema),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    commentsEnabled: z.boolean(),
    commentCount: z.number().check(z.int()),
    /** Approved comments a moderator featured (GET .../comments/featured lists them). */
    featuredCount: z.number().check(z.int()),
    /** Whether a comment posted now would be taken: enabled, and not closed. */
    commentsOpen: z.boolean(),
    /** When comments close or closed; null when they do not close by themselves. */
    commentsCloseAt: z.nullable(isoTimestamp),
    seo: PublicSeoSchema,
    leadImage: z.nullable(PublicImageSchema),
    access: AccessSchema,
    /** Corrections, newest first: news outlets publish them openly. */
    corrections: z.array(PublicCorrectionSchema),
    /**
     * schema.org NewsArticle structured data for the page, made from the article and the site
     * settings when it is read: paste it into a <script type="application/ld+json">.
     */
    jsonLd: z.record(z.string(), z.unknown()).register(z.globalRegistry, {
      description:
        'schema.org NewsArticle as JSON-LD: headline, description, datePublished, dateModified, author (a Person per author record with url their page, else per name in the byline), image, publisher, articleSection, keywords, inLanguage, isAccessibleForFree (false for registered and subscribers, with hasPart naming the paywalled part by the paywallSelector site setting), correction (CorrectionComment). URLs from the site settings. Put it in the page as <script type="application/ld+json">, with every < written as \\u003c.',
    }),
  })
  .register(z.globalRegistry, {
    id: 'PublicArticle',
    description: 'The live snapshot of an article, as the public sees it.',
  });
export type PublicArticle = z.infer<typeof PublicArticleSchema>;

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

export const RevisionSummarySchema = z
  .object({
    n: z.number().check(z.int()),
    version: z.number().check(z.int()),
    savedAt: isoTimestamp,
    savedBy: z.string(),
    title: z.string(),
    action: z.enum(REVISION_ACTIONS),
  })
  .register(z.globalRegistry, { id: 'RevisionSummary' });
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const RevisionSchema = z
  .extend(RevisionSummarySchema, { articleId: z.string(), content: ArticleContentSchema })
  .register(z.globalRegistry, {
    id: 'Revision',
    description: 'An immutable saved version of the article content.',
  });
export type Revision = z.infer<typeof RevisionSchema>;

export const HistoryEntrySchema = z
  .object({
    at: isoTimestamp,
    actor: z.string(),
    action: z.string(),
    from: z.nullable(ArticleStatusSchema),
    to: z.nullable(ArticleStatusSchema),
    version: z.number().check(z.int()),
    note: z.optional(z.string()),
    /** For schedule: when the article is to go live. */
    publishAt: z.optional(isoTimestamp),
    /** For comments-reopened: when they close again by themselves (absent: when closed by hand). */
    commentsCloseAt: z.optional(isoTimestamp),
  })
  .register(z.globalRegistry, {
    id: 'HistoryEntry',
    description:
      'One entry of the append-only audit trail. Besides the workflow actions: comments-closed and comments-reopened (who, when, the reason as note), which make no version and carry the version they happened at.',
  });
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

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

export const TransitionSchema = z
  .strictObject({
    action: z.enum(WORKFLOW_ACTIONS, { error: `must be one of ${WORKFLOW_ACTIONS.join(', ')}` }),
    note: z.optional(plainText(ARTICLE_LIMITS.note)),
    publishAt: z.optional(isoTimestamp),
  })
  .register(z.globalRegistry, {
    id: 'Transition',
    description: 'A workflow action; note and publishAt where the action needs them.',
  });
export type TransitionInput = z.infer<typeof TransitionSchema>;

export const UnpublishScheduleSchema = z
  .strictObject({ unpublishAt: isoTimestamp })
  .register(z.globalRegistry, {
    id: 'UnpublishSchedule',
    description: 'When to take the live article down.',
  });

export const PreviewRequestSchema = z
  .strictObject({
    expiresInSeconds: z.optional(
      z
        .number()
        .check(
          z.int(),
          z.gte(PREVIEW_TTL.minSeconds, `must be at least ${PREVIEW_TTL.minSeconds} seconds`),
          z.lte(PREVIEW_TTL.maxSeconds, `must be at most ${PREVIEW_TTL.maxSeconds} seconds (7 days)`),
        ),
    ),
  })
  .register(z.globalRegistry, {
    id: 'PreviewRequest',
    description: 'How long the link lives; 24 hours when not given.',
  });

export const PreviewLinkSchema = z
  .object({
    id: z.string(),
    /** The working copy as JSON (what scripts and frontends read). */
    url: z.string(),
    /** The working copy as a page: what an editor opens to see it as readers would. */
    pageUrl: z.string(),
    /** The newsroom's own preview of it (the previewUrl setting filled in); null when none is set. */
    frontendUrl: z.nullable(z.string()),
    token: z.string(),
    expiresAt: isoTimestamp,
    createdAt: isoTimestamp,
    createdBy: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'PreviewLink',
    description:
      "A link that shows the working copy to anyone holding it, until it expires, is revoked, or the article is unpublished: url as JSON, pageUrl as an HTML page. frontendUrl is the newsroom's own frontend showing it (the previewUrl setting), null when that is not set; editors are sent there when it is.",
  });

export const PreviewLinkListSchema = z
  .object({ items: z.array(PreviewLinkSchema) })
  .register(z.globalRegistry, {
    id: 'PreviewLinkList',
    description: "An article's preview links that still open it, oldest first.",
  });

export { type PreviewSettings, PreviewSettingsSchema } from './previewSettings.ts';
