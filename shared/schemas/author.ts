import * as z from 'zod/mini';
import { ARTICLE_LIMITS } from './facts.ts';
import { ListImageSchema, MediaIdSchema, PublicImageSchema } from './media.ts';
import { httpsUrl, isoTimestamp, plainLine, plainText, slugString } from './text.ts';

/**
 * Authors as records: the people who write the newsroom's stories, each with a page on the site.
 * Articles name them by slug (`authors`, ordered); the free-text byline stays for imports and
 * one-off contributors. The slug is the author's identity and never changes (docs/authors.md).
 */
export const AUTHOR_LIMITS = {
  slug: ARTICLE_LIMITS.slug,
  name: 120,
  title: 120,
  bio: 1_000,
  links: 10,
  linkLabel: 60,
  /** Authors one article names: a byline longer than this is a team, better named in the byline. */
  perArticle: 10,
} as const;

export const AuthorSlugSchema = slugString(AUTHOR_LIMITS.slug);

export const AuthorLinkSchema = z
  .strictObject({ label: plainLine(AUTHOR_LIMITS.linkLabel), url: httpsUrl })
  .register(z.globalRegistry, {
    id: 'AuthorLink',
    description: 'A link on the author\'s page: a label ("Mastodon", "Email newsletter") and an https URL.',
  });
export type AuthorLink = z.infer<typeof AuthorLinkSchema>;

const editable = {
  name: plainLine(AUTHOR_LIMITS.name),
  title: z.union([z.literal(''), plainLine(AUTHOR_LIMITS.title)]),
  bio: z.union([z.literal(''), plainText(AUTHOR_LIMITS.bio)]),
  /** A ready image of the media library; null for none. */
  photo: z.nullable(z.strictObject({ mediaId: MediaIdSchema })),
  links: z
    .array(AuthorLinkSchema)
    .check(z.maxLength(AUTHOR_LIMITS.links, `at most ${AUTHOR_LIMITS.links} links`)),
  guest: z.boolean(),
};

export const AuthorCreateSchema = z
  .strictObject({
    slug: AuthorSlugSchema,
    name: editable.name,
    title: z.optional(editable.title),
    bio: z.optional(editable.bio),
    photo: z.optional(editable.photo),
    links: z.optional(editable.links),
    guest: z.optional(editable.guest),
  })
  .register(z.globalRegistry, {
    id: 'AuthorCreate',
    description:
      'A new author. The slug is their identity (their page and feed URLs, what articles name): it is set here and never changes.',
  });
export type AuthorCreate = z.infer<typeof AuthorCreateSchema>;

export const AuthorPatchSchema = z
  .strictObject({
    name: z.optional(editable.name),
    title: z.optional(editable.title),
    bio: z.optional(editable.bio),
    photo: z.optional(editable.photo),
    links: z.optional(editable.links),
    guest: z.optional(editable.guest),
  })
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' }),
  )
  .register(z.globalRegistry, {
    id: 'AuthorPatch',
    description: 'The fields to change; at least one. The slug does not change.',
  });
export type AuthorPatch = z.infer<typeof AuthorPatchSchema>;

/** The photo resolved at save: what an <img> needs, and the library id it came from. */
export const AuthorPhotoSchema = z
  .pick(PublicImageSchema, { mediaId: true, src: true, srcset: true, width: true, height: true, alt: true })
  .register(z.globalRegistry, {
    id: 'AuthorPhoto',
    description:
      "An author's photo from the media library, resolved when the author was saved: src (the widest rendition), srcset, width, height and alt.",
  });
export type AuthorPhoto = z.infer<typeof AuthorPhotoSchema>;

/** The author's public profile. */
export const PublicAuthorSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    title: z.string(),
    bio: z.string(),
    photo: z.nullable(AuthorPhotoSchema),
    links: z.array(AuthorLinkSchema),
    guest: z.boolean(),
  })
  .register(z.globalRegistry, {
    id: 'PublicAuthor',
    description:
      "An author's public profile: name, title or role, short bio, photo, links, guest contributor or not.",
  });
export type PublicAuthor = z.infer<typeof PublicAuthorSchema>;

/** The author as the newsroom sees and edits it. */
export const AuthorSchema = z
  .extend(PublicAuthorSchema, {
    version: z.number().check(z.int()),
    createdAt: isoTimestamp,
    createdBy: z.string(),
    updatedAt: isoTimestamp,
    updatedBy: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'Author',
    description: 'An author record, with its version (the ETag) and who last changed it.',
  });
export type Author = z.infer<typeof AuthorSchema>;

/** An author as a live article names them: copied into the snapshot at publish. */
export const ArticleAuthorSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    title: z.string(),
    photo: z.optional(ListImageSchema),
  })
  .register(z.globalRegistry, {
    id: 'ArticleAuthor',
    description:
      'An author of a live article, as they were when it was published: slug (their page is GET /v1/authors/{slug}), name, title or role, and photo when they have one.',
  });
export type ArticleAuthor = z.infer<typeof ArticleAuthorSchema>;

/** A story on an author's page: what a list shows. */
export const AuthorStorySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    section: z.string(),
    title: z.string(),
    /** The standfirst, else the meta description. */
    summary: z.string(),
    tags: z.array(z.string()),
    publishedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    leadImage: z.nullable(ListImageSchema),
  })
  .register(z.globalRegistry, {
    id: 'AuthorStory',
    description:
      'A live story of an author, newest first by first publication: the article itself is GET /v1/articles/{slug}.',
  });
export type AuthorStory = z.infer<typeof AuthorStorySchema>;

/** Each of an article's authors, by slug, in the order the byline shows them. */
export const ArticleAuthorsSchema = z.array(AuthorSlugSchema).check(
  z.maxLength(AUTHOR_LIMITS.perArticle, `at most ${AUTHOR_LIMITS.perArticle} authors`),
  // Order is kept, repeats are dropped.
  z.overwrite((slugs: string[]) => [...new Set(slugs)]),
);
