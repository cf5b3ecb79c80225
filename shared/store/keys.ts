import type { ArticleStatus } from '../schemas/article.ts';
import { ARTICLE_STATUSES } from '../schemas/facts.ts';
import type { StoredArticle } from './model.ts';
import type { CONTENT_TABLE, IndexKeyAttribute, IndexName, TableDefinition } from './tables.ts';

/**
 * The content table's keys and index values: the stores build items and queries only from these
 * (the comments table's are in ./commentKeys.ts, the media library's in ./mediaKeys.ts, the
 * feeds' and sitemaps' read models in ./syndicationKeys.ts; the item types of both tables here). Index attribute names are typed from
 * shared/store/tables.ts, so renaming an index or one of its attributes there is a compile error
 * here, not a Query that silently finds nothing.
 *
 * Content table:
 *   ARTICLE#<id>   WORKING          the working copy's head (only item with index attributes); its
 *                                   bulky words are those of its newest revision (workingCopy.ts)
 *   ARTICLE#<id>   REV#<n>          an immutable revision, n from 1: REV# sorts just below WORKING,
 *                                   so one Query reads the head and its newest revision
 *   ARTICLE#<id>   AUDIT#<version>  an append-only audit entry (one per version)
 *   ARTICLE#<id>   AUDIT#<version>#<at>#<ulid>  an audit entry between versions (comments
 *                                   closed or reopened)
 *   ARTICLE#<id>   PREVIEW#<linkId> a live preview link (TTL at its expiry; deleted when revoked
 *                                   or the article is unpublished); sorts below REV#, out of the
 *                                   working copy's read
 *   ARTICLE#<id>   AUTOSAVE#<sub>   one person's unsaved edits of the article (the desk's autosave):
 *                                   private to that sub, TTL 30 days, deleted on save or leave
 *   ARTICLE#<id>   PRESENCE#<sub>   who has the article open, and whether their edits are unsaved:
 *                                   a heartbeat's item, TTL a minute and a half; AUTOSAVE# and
 *                                   PRESENCE# sort below REV#, out of the working copy's read, and
 *                                   deleting a never-live article takes them with its partition
 *   SLUG#<slug>    CLAIM            who owns a slug (uniqueness)
 *   SLUG#<slug>    LIVE             the live snapshot the public reads (one GetItem), or a redirect
 *   FEED#<feed>    <publishedAt>#<id>  a summary in a public list (one Query per page)
 *   META           SEEDS            marks a store into which the sample content was loaded
 *   SETTINGS       PREVIEW          the preview settings (previewUrl)
 *   SETTINGS       SITE             the site settings (links, publication name, language, feeds)
 *   SYND#<feed>    <publishedAt>#<id>  a story as a feed carries it (written by the relay from the
 *                                   live snapshot; one Query reads a feed's newest 50)
 *   SITEMAP#<yyyy-mm>  <publishedAt>#<id>  a live story in its month's sitemap (the relay)
 *   SITEMAPS       MONTH#<yyyy-mm>  a month's sitemap: how many stories it holds, when it changed
 *   IMPORT#<extId> CLAIM            the article an archive import created, with its payload hash
 *   MEDIA          MEDIA#<id>       a media record (ids are ULIDs: a descending Query is newest first)
 *   MEDIAUSE#<id>  ARTICLE#<id>     an article that referred to the image (checked again on delete)
 *   MEDIAWORDS#<id> V#<version>     an image's words (alt, caption, credit) as they were at a version
 *                                  an edit replaced: what an article approved with it publishes
 */
export const pad = (n: number, width: number) => String(n).padStart(width, '0');

const articlePartition = (id: string) => `ARTICLE#${id}`;
const feedPartition = (feed: string) => `FEED#${feed}`;

export const keys = {
  working: (id: string) => ({ pk: articlePartition(id), sk: 'WORKING' }),
  revision: (id: string, n: number) => ({ pk: articlePartition(id), sk: `REV#${pad(n, 8)}` }),
  revisionPrefix: 'REV#',
  audit: (id: string, version: number) => ({ pk: articlePartition(id), sk: `AUDIT#${pad(version, 10)}` }),
  auditPrefix: 'AUDIT#',
  /**
   * An audit entry that makes no version (comments closed or reopened): it sorts right after the
   * entry of the version it happened at, in time order (`#` sorts before every digit).
   */
  auditBeside: (id: string, version: number, at: string, unique: string) => ({
    pk: articlePartition(id),
    sk: `AUDIT#${pad(version, 10)}#${at}#${unique}`,
  }),
  articlePartition,
  previewLink: (id: string, linkId: string) => ({ pk: articlePartition(id), sk: `PREVIEW#${linkId}` }),
  previewLinkPrefix: 'PREVIEW#',
  autosave: (id: string, sub: string) => ({ pk: articlePartition(id), sk: `AUTOSAVE#${sub}` }),
  presence: (id: string, sub: string) => ({ pk: articlePartition(id), sk: `PRESENCE#${sub}` }),
  presencePrefix: 'PRESENCE#',
  slugClaim: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'CLAIM' }),
  liveSnapshot: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'LIVE' }),
  // Sorted by the instant: an imported publishedAt keeps its own offset, which must not sort as text.
  feedEntry: (feed: string, publishedAt: string, id: string) => ({
    pk: feedPartition(feed),
    sk: `${new Date(publishedAt).toISOString()}#${id}`,
  }),
  feedPartition,
  seedsMarker: { pk: 'META', sk: 'SEEDS' },
  previewSettings: { pk: 'SETTINGS', sk: 'PREVIEW' },
  siteSettings: { pk: 'SETTINGS', sk: 'SITE' },
  /** Which article an archive import's external id became (idempotent imports). */
  importClaim: (externalId: string) => ({ pk: `IMPORT#${externalId}`, sk: 'CLAIM' }),
} as const;

/** The non-key `type` attribute of each item family, for anyone reading the table by hand. */
export const ITEM_TYPES = {
  article: 'article',
  revision: 'revision',
  audit: 'audit',
  slugClaim: 'slugClaim',
  importClaim: 'importClaim',
  media: 'media',
  mediaUse: 'mediaUse',
  mediaWords: 'mediaWords',
  snapshot: 'snapshot',
  feed: 'feed',
  comment: 'comment',
  tombstone: 'tombstone',
  report: 'report',
  ban: 'ban',
  banMarker: 'banMarker',
  trust: 'trust',
  threadHeader: 'threadHeader',
  threadState: 'threadState',
  previewLink: 'previewLink',
  previewSettings: 'previewSettings',
  autosave: 'autosave',
  presence: 'presence',
  siteSettings: 'siteSettings',
  feedEntry: 'feedEntry',
  sitemapEntry: 'sitemapEntry',
  sitemapMonth: 'sitemapMonth',
} as const;

/** One partition of one index: what a Query on it needs besides the table. */
export interface IndexPartition<T extends TableDefinition> {
  index: IndexName<T>;
  value: string;
}

type ContentIndexValues = Record<
  Exclude<IndexKeyAttribute<typeof CONTENT_TABLE>, 'updatedAt'>,
  string | undefined
>;

/** byUnpublishAt holds only live articles with an unpublish pending, under this one partition. */
const UNPUBLISH_DUE = 'DUE';

/**
 * The index attributes of a working copy (the indexes sort by its own `updatedAt`). Index keys
 * must be strings or absent, never NULL: an article without a pending unpublish leaves the sparse
 * byUnpublishAt index by having none.
 */
export function workingIndexValues(
  a: Pick<StoredArticle, 'status' | 'createdBy' | 'section' | 'unpublishAt'>,
): ContentIndexValues {
  return {
    gsiStatus: a.status,
    gsiAuthor: a.createdBy,
    gsiSection: a.section,
    gsiUnpublish: a.unpublishAt ? UNPUBLISH_DUE : undefined,
    gsiUnpublishAt: a.unpublishAt ?? undefined,
  };
}

/** Admin list filters: the ones an index serves, and the rest applied to its results. */
export interface WorkingFilters {
  status?: ArticleStatus | undefined;
  section?: string | undefined;
  createdBy?: string | undefined;
}

/**
 * Where an admin list is read. A filter is served by its most selective index, and what that does
 * not cover is filtered after. The unfiltered list has no index of its own (one partition holding
 * every working copy would be rewritten by every transition): it is the merge of byStatus, one
 * partition per status (shared/store/mergedList.ts), newest first like every other list.
 */
export type WorkingListPlan =
  | { partition: IndexPartition<typeof CONTENT_TABLE>; remaining: WorkingFilters }
  | { merged: readonly IndexPartition<typeof CONTENT_TABLE>[] };

const statusPartition = (status: ArticleStatus): IndexPartition<typeof CONTENT_TABLE> => ({
  index: 'byStatus',
  value: status,
});

export function workingListPartition(filters: WorkingFilters): WorkingListPlan {
  const { status, section, createdBy } = filters;
  if (createdBy !== undefined) {
    return { partition: { index: 'byAuthor', value: createdBy }, remaining: { status, section } };
  }
  if (status !== undefined) return { partition: statusPartition(status), remaining: { section } };
  if (section !== undefined) return { partition: { index: 'bySection', value: section }, remaining: {} };
  return { merged: ARTICLE_STATUSES.map(statusPartition) };
}

export const unpublishDuePartition: IndexPartition<typeof CONTENT_TABLE> = {
  index: 'byUnpublishAt',
  value: UNPUBLISH_DUE,
};

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
