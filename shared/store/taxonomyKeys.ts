/**
 * The keys of sections and tags in the content table (shared/store/keys.ts holds the others; this
 * family is kept beside its store to keep that file from growing):
 *   SECTIONS        <slug>      a section record (one Query reads the whole tree)
 *   SECTIONS#MOVED  <old slug>  a renamed section's old slug and where it went (the 301)
 *   TAGS            <slug>      a tag record (a Query with begins_with is the typeahead)
 *   TAGS#MOVED      <old slug>  a renamed tag's old slug and where it went (the 301)
 */
export type TaxonomyKind = 'section' | 'tag';

const RECORDS: Record<TaxonomyKind, string> = { section: 'SECTIONS', tag: 'TAGS' };
const MOVED: Record<TaxonomyKind, string> = { section: 'SECTIONS#MOVED', tag: 'TAGS#MOVED' };

export const taxonomyKeys = {
  partition: (kind: TaxonomyKind) => RECORDS[kind],
  movedPartition: (kind: TaxonomyKind) => MOVED[kind],
  record: (kind: TaxonomyKind, slug: string) => ({ pk: RECORDS[kind], sk: slug }),
  moved: (kind: TaxonomyKind, slug: string) => ({ pk: MOVED[kind], sk: slug }),
} as const;

/** The non-key `type` attribute of these items, for anyone reading the table by hand. */
export const TAXONOMY_ITEM_TYPES = { section: 'section', tag: 'tag', moved: 'movedSlug' } as const;
