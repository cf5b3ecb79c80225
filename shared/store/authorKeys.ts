/**
 * The keys of author records in the content table, beside shared/store/keys.ts (which lists the
 * other item families):
 *   AUTHORS        AUTHOR#<slug>    an author record (one partition: the directory is one Query
 *                                   in slug order)
 * An author's stories are their author feed, SYND#author#<slug> (keys.ts syndicationKeys).
 */
const AUTHORS_PARTITION = 'AUTHORS';
const AUTHOR_PREFIX = 'AUTHOR#';

export const authorKeys = {
  author: (slug: string) => ({ pk: AUTHORS_PARTITION, sk: `${AUTHOR_PREFIX}${slug}` }),
  partition: AUTHORS_PARTITION,
  prefix: AUTHOR_PREFIX,
  /** The item family's `type` attribute (keys.ts ITEM_TYPES has the others). */
  type: 'author',
} as const;
