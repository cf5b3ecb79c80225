/**
 * Plain-data facts the schemas are built from. Kept free of zod so the lean public bundle can
 * use them without pulling in a schema library.
 */
export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Lowercase URL slug: letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Limits that keep every item far below DynamoDB's 400 KB (see ARCHITECTURE.md). */
export const ARTICLE_LIMITS = {
  title: 200,
  standfirst: 600,
  byline: 200,
  slug: 80,
  section: 40,
  tag: 40,
  tags: 10,
  blocks: 400,
  blockText: 10_000,
  listItems: 100,
  note: 2_000,
} as const;
