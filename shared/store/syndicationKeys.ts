/**
 * The derived read models of feeds and sitemaps (shared/store/syndicationStore.ts), kept by the
 * relay from the live snapshots' stream records; never written in an editing transaction.
 */
const SYNDICATION_PREFIX = 'SYND#';
const SITEMAP_PREFIX = 'SITEMAP#';
export const syndicationKeys = {
  feedEntry: (feed: string, publishedAt: string, id: string) => ({
    pk: `${SYNDICATION_PREFIX}${feed}`,
    sk: `${new Date(publishedAt).toISOString()}#${id}`,
  }),
  feedPartition: (feed: string) => `${SYNDICATION_PREFIX}${feed}`,
  sitemapEntry: (month: string, publishedAt: string, id: string) => ({
    pk: `${SITEMAP_PREFIX}${month}`,
    sk: `${new Date(publishedAt).toISOString()}#${id}`,
  }),
  sitemapPartition: (month: string) => `${SITEMAP_PREFIX}${month}`,
  month: (month: string) => ({ pk: 'SITEMAPS', sk: `MONTH#${month}` }),
  monthsPartition: 'SITEMAPS',
  /** The partitions the relay may write (infra/access.ts), as IAM leading-key patterns. */
  writablePatterns: [`${SYNDICATION_PREFIX}*`, `${SITEMAP_PREFIX}*`, 'SITEMAPS'],
} as const;
