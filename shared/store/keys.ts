/**
 * Every key of the content table, in one place. Item families:
 *
 *   ARTICLE#<id>   WORKING          the working copy (only item with gsi* attributes)
 *   ARTICLE#<id>   REV#<n>          an immutable revision, n from 1
 *   ARTICLE#<id>   AUDIT#<version>  an append-only audit entry (one per version)
 *   SLUG#<slug>    CLAIM            who owns a slug (uniqueness)
 *   SLUG#<slug>    LIVE             the live snapshot the public reads (one GetItem)
 *   FEED#<feed>    <publishedAt>#<id>  a summary in a public list (one Query per page)
 *   META           SEEDS            marks a store into which the sample content was loaded
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  working: (id: string) => ({ pk: `ARTICLE#${id}`, sk: 'WORKING' }),
  revision: (id: string, n: number) => ({ pk: `ARTICLE#${id}`, sk: `REV#${pad(n, 8)}` }),
  revisionPrefix: 'REV#',
  audit: (id: string, version: number) => ({ pk: `ARTICLE#${id}`, sk: `AUDIT#${pad(version, 10)}` }),
  auditPrefix: 'AUDIT#',
  articlePartition: (id: string) => `ARTICLE#${id}`,
  slugClaim: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'CLAIM' }),
  liveSnapshot: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'LIVE' }),
  feedEntry: (feed: string, publishedAt: string, id: string) => ({
    pk: `FEED#${feed}`,
    sk: `${publishedAt}#${id}`,
  }),
  feedPartition: (feed: string) => `FEED#${feed}`,
  seedsMarker: { pk: 'META', sk: 'SEEDS' },
} as const;

/**
 * The public feeds a live article appears in: everything, its section, each of its tags and
 * each section-and-tag pair, so every filter combination of the public list is one Query.
 */
export const feeds = {
  for: (filter: { section?: string | undefined; tag?: string | undefined }) =>
    filter.section && filter.tag
      ? `section#${filter.section}/tag#${filter.tag}`
      : filter.section
        ? `section#${filter.section}`
        : filter.tag
          ? `tag#${filter.tag}`
          : 'all',
  of: (article: { section: string; tags: readonly string[] }) => [
    'all',
    `section#${article.section}`,
    ...article.tags.map((t) => `tag#${t}`),
    ...article.tags.map((t) => `section#${article.section}/tag#${t}`),
  ],
} as const;
