import * as z from 'zod/mini';
import { ARTICLE_LIMITS } from './facts.ts';
import { isoTimestamp, plainLine, plainText, slugString } from './text.ts';

/**
 * Sections and tags as records (docs/taxonomy.md). Articles name them by slug; the records give
 * them a name, a description and, for sections, a place in a small tree, search fields and the
 * access a new story of the section defaults to.
 */

import { ACCESS_LEVELS, type AccessLevel, SECTION_MAX_DEPTH } from '../taxonomy/facts.ts';

export { ACCESS_LEVELS, type AccessLevel, SECTION_MAX_DEPTH };
export const TAXONOMY_LIMITS = { name: 80, description: 500, seoTitle: 70, seoDescription: 160 } as const;

const sectionSlug = slugString(ARTICLE_LIMITS.section);
const tagSlug = slugString(ARTICLE_LIMITS.tag);
const name = plainLine(TAXONOMY_LIMITS.name);
const description = z.union([z.literal(''), plainText(TAXONOMY_LIMITS.description)]);
const access = z.enum(ACCESS_LEVELS);

/** The section page's title and meta description for search engines; empty uses the name. */
const SectionSeoSchema = z.strictObject({
  title: z.optional(z.union([z.literal(''), plainLine(TAXONOMY_LIMITS.seoTitle)])),
  description: z.optional(z.union([z.literal(''), plainText(TAXONOMY_LIMITS.seoDescription)])),
});

export const SectionCreateSchema = z
  .strictObject({
    slug: sectionSlug,
    name,
    description: z.optional(description),
    parent: z.optional(z.nullable(sectionSlug)),
    seo: z.optional(SectionSeoSchema),
    defaultAccess: z.optional(z.nullable(access)),
  })
  .register(z.globalRegistry, {
    id: 'SectionCreate',
    description: `A new section. parent: an existing section's slug (the tree is at most ${SECTION_MAX_DEPTH} deep), or null for a top-level section.`,
  });
export type SectionCreate = z.infer<typeof SectionCreateSchema>;

export const SectionPatchSchema = z
  .strictObject({
    slug: z.optional(sectionSlug),
    name: z.optional(name),
    description: z.optional(description),
    parent: z.optional(z.nullable(sectionSlug)),
    seo: z.optional(SectionSeoSchema),
    defaultAccess: z.optional(z.nullable(access)),
  })
  .register(z.globalRegistry, {
    id: 'SectionPatch',
    description:
      'The fields to change. A new slug renames the section: the old one answers 301 to the new one on the public reads, and article saves naming it are given the new one.',
  });
export type SectionPatch = z.infer<typeof SectionPatchSchema>;

export const TagCreateSchema = z
  .strictObject({ slug: tagSlug, name: z.optional(name), description: z.optional(description) })
  .register(z.globalRegistry, {
    id: 'TagCreate',
    description: 'A new tag. name defaults to the slug in words (local-elections: Local elections).',
  });
export type TagCreate = z.infer<typeof TagCreateSchema>;

export const TagPatchSchema = z
  .strictObject({ slug: z.optional(tagSlug), name: z.optional(name), description: z.optional(description) })
  .register(z.globalRegistry, {
    id: 'TagPatch',
    description:
      'The fields to change. A new slug renames the tag: the old one answers 301 on the public reads.',
  });
export type TagPatch = z.infer<typeof TagPatchSchema>;

/** A section as stored and as the admin API answers. */
export interface Section {
  slug: string;
  name: string;
  description: string;
  parent: string | null;
  seo: { title: string; description: string };
  defaultAccess: AccessLevel | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}
export interface Tag {
  slug: string;
  name: string;
  description: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

const sectionFields = {
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  parent: z.nullable(z.string()),
  seo: z.object({ title: z.string(), description: z.string() }),
  defaultAccess: z.nullable(access),
};
export const SectionSchema = z
  .object({ ...sectionFields, version: z.number(), updatedAt: isoTimestamp, updatedBy: z.string() })
  .register(z.globalRegistry, { id: 'Section', description: 'A section record (ETag: its version).' });

export const PublicSectionSchema = z
  .object({
    ...sectionFields,
    depth: z.number(),
    path: z.array(z.string()),
  })
  .register(z.globalRegistry, {
    id: 'PublicSection',
    description:
      'A section as frontends read it: depth (1 for a top-level section) and path (the slugs from the top down to it, itself included, for breadcrumbs and URLs).',
  });
export type PublicSection = z.infer<typeof PublicSectionSchema>;

export const SectionTreeSchema = z
  .object({ items: z.array(PublicSectionSchema) })
  .register(z.globalRegistry, {
    id: 'SectionTree',
    description:
      'Every section in tree order: each parent before its children, siblings by name. parent links them; depth says how far to indent.',
  });

const tagFields = { slug: z.string(), name: z.string(), description: z.string() };
export const TagSchema = z
  .object({ ...tagFields, version: z.number(), updatedAt: isoTimestamp, updatedBy: z.string() })
  .register(z.globalRegistry, { id: 'Tag', description: 'A tag record (ETag: its version).' });
export const PublicTagSchema = z
  .object(tagFields)
  .register(z.globalRegistry, { id: 'PublicTag', description: 'A tag as frontends read it.' });

/** Words for a slug: local-elections becomes "Local elections" (the name of a tag made on the fly). */
export function nameOfSlug(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
