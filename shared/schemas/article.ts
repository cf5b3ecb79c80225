import * as z from 'zod/mini';
import { WORKFLOW_ACTIONS } from '../workflow.ts';
import { AccessSchema } from './access.ts';
import { BlockSchema, BodySchema, PublicBlockSchema } from './articleBody.ts';
import { CorrectionRecordSchema, PublicCorrectionSchema } from './articleCorrections.ts';
import {
  type Fields,
  isPublic,
  isRequired,
  type Optional,
  ordered,
  textInput,
} from './articleFieldShapes.ts';
import {
  eachTextField,
  type PrivateTextKey,
  type RequiredFieldKey,
  type ResolvedFieldKey,
} from './articleFields.ts';
import { ArticleAuthorSchema, ArticleAuthorsSchema } from './author.ts';
import { ARTICLE_LIMITS, ARTICLE_STATUSES, type ArticleStatus } from './facts.ts';
import { LeadImageRefSchema, MediaIdSchema, PublicImageSchema } from './media.ts';
import { ADDRESS_FIELDS } from './slugRedirect.ts';
import { httpsUrl, isoTimestamp, plainLine, slugString } from './text.ts';

export { ARTICLE_LIMITS, type ArticleStatus };

/**
 * Articles as editors send them and as the API answers, in `zod/mini` like every schema a function
 * builds: full zod made the editorial cold start 1.6-1.9x the floor's (docs/performance.md). The
 * checks, messages, defaults, transforms and the generated OpenAPI document are full zod's exactly.
 *
 * This module holds the article's fields: what an editor may set (create, patch), what is stored
 * (content, working copy) and what readers get (the public article). The body's blocks are in
 * ./articleBody.ts, corrections in ./articleCorrections.ts, revisions, the audit trail and the
 * workflow's requests in ./articleHistory.ts, lists and search hits in ./articleLists.ts.
 */
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export const SectionSchema = slugString(ARTICLE_LIMITS.section);
export const TagSchema = slugString(ARTICLE_LIMITS.tag);
export const ArticleSlugSchema = slugString(ARTICLE_LIMITS.slug);

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

/**
 * Each field as an editor sends it (create, patch): the plain text ones from the field table
 * (./articleFields.ts), the others written here. A field of the table missing here fails to compile.
 */
const inputFields = {
  ...eachTextField(textInput),
  slug: ArticleSlugSchema,
  section: SectionSchema,
  body: BodySchema,
  tags: TagsSchema,
  source: z.nullable(SourceSchema),
  commentsEnabled: z.boolean(),
  seo: SeoSchema,
  leadImage: z.nullable(LeadImageRefSchema),
  access: AccessSchema,
  authors: ArticleAuthorsSchema,
} satisfies Fields;

export const ArticleCreateSchema = z
  .strictObject(
    // What must be given first, then the rest, each in the table's order.
    ordered((key) => (isRequired(key) ? inputFields[key] : z.optional(inputFields[key])), {
      requiredFirst: true,
    }) as Pick<typeof inputFields, RequiredFieldKey> & Optional<Omit<typeof inputFields, RequiredFieldKey>>,
  )
  .register(z.globalRegistry, {
    id: 'ArticleCreate',
    description: 'A new draft. Everything else is set by the server.',
  });
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;

export const ArticlePatchSchema = z
  .strictObject(ordered((key) => z.optional(inputFields[key])) as Optional<typeof inputFields>)
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' }),
  )
  .register(z.globalRegistry, {
    id: 'ArticlePatch',
    description: 'The content fields to change; at least one.',
  });
export type ArticlePatch = z.infer<typeof ArticlePatchSchema>;

/** Each field as stored in the working copy, revisions and snapshots: checked on the way in. */
const storedFields = {
  ...eachTextField(() => z.string()),
  slug: z.string(),
  section: z.string(),
  body: z.array(BlockSchema),
  tags: z.array(z.string()),
  source: z.nullable(SourceSchema),
  commentsEnabled: z.boolean(),
  seo: SeoSchema,
  /** The image at the top of the article and on its teasers, from the media library; null for none. */
  leadImage: z.nullable(LeadImageRefSchema),
  access: AccessSchema,
  authors: z.array(z.string()),
} satisfies Fields;

/** The editable content of an article, as stored in the working copy, revisions and snapshots. */
export const ArticleContentSchema = z.object(ordered((key) => storedFields[key]) as typeof storedFields);
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

/** What readers get of the fields the table resolves at publish (library images, author records). */
const resolvedFields = {
  body: z.array(PublicBlockSchema),
  seo: PublicSeoSchema,
  leadImage: z.nullable(PublicImageSchema),
  authors: z.array(ArticleAuthorSchema),
} satisfies Record<ResolvedFieldKey, z.ZodMiniType>;
const publicFields = { ...storedFields, ...resolvedFields };
type PublicFields = Omit<typeof publicFields, PrivateTextKey>;

export const PublicArticleSchema = z
  .object({
    id: z.string(),
    ...(ordered((key) => publicFields[key], { only: isPublic }) as PublicFields),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    commentCount: z.number().check(z.int()),
    /** Approved comments a moderator featured (GET .../comments/featured lists them). */
    featuredCount: z.number().check(z.int()),
    /** Whether a comment posted now would be taken: enabled, and not closed. */
    commentsOpen: z.boolean(),
    /** When comments close or closed; null when they do not close by themselves. */
    commentsCloseAt: z.nullable(isoTimestamp),
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
