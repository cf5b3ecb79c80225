import type { ArticleStatus } from '../schemas/article.ts';
import { ARTICLE_STATUSES, type CommentStatus } from '../schemas/facts.ts';
import type { StoredArticle, StoredComment } from './model.ts';
import type {
  COMMENTS_TABLE,
  CONTENT_TABLE,
  IndexKeyAttribute,
  IndexName,
  TableDefinition,
} from './tables.ts';

/**
 * Every key and index value of both tables, in one place: the stores build items and queries only
 * from these. Index attribute names are typed from shared/store/tables.ts, so renaming an index or
 * one of its attributes there is a compile error here, not a Query that silently finds nothing.
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
 * Comments table:
 *   COMMENT#<id>   COMMENT          a comment, with its index attributes
 *   SETTINGS       COMMENTS         the moderation settings
 *   FLOOD#<fp>     FLOOD            a client's flood marker (TTL)
 *   DUP#<hash>     DUP              a duplicate marker (TTL)
 *   COMMENT#<id>   REPORT#<addr>    one reader's report of a comment (one per address hash,
 *                                   whatever the user agent; see addressKey); erased with the comment
 *   COMMENT#<id>   REMOVED          the tombstone of a top-level comment taken out of the public
 *                                   thread (rejected, held, erased) that had or may get approved
 *                                   replies: in the thread's indexes with no author and no body
 *   RFLOOD#<addr>  WINDOW#<start>   an address's report count in a fixed window (TTL)
 *   BANS           BAN#<id>         a ban, listed newest first (ids are ULIDs)
 *   BANNED#<kind>#<hash>  BANNED    what a submission or report checks: an email (mailbox hash),
 *                                   a client (fingerprint) or an address banned
 *   TRUST#<emailHash>  TRUST        a commenter's moderator approvals and spam marks
 *   THREAD#<slug>  START, END      the thread's headers: present while the article is live, at both
 *                                  ends of its public thread partitions (see threadHeaders)
 *   THREAD#<slug>  STATE           whether the live article takes comments (commentsEnabled,
 *                                  commentsCloseAt), kept in step with its snapshot: what a held
 *                                  submission checks, a 1-unit item instead of the whole article
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const THREAD_PREFIX = 'THREAD#';

const articlePartition = (id: string) => `ARTICLE#${id}`;
const MEDIA_PARTITION = 'MEDIA';
const MEDIA_PREFIX = 'MEDIA#';
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
  media: (id: string) => ({ pk: MEDIA_PARTITION, sk: `${MEDIA_PREFIX}${id}` }),
  mediaPartition: MEDIA_PARTITION,
  mediaPrefix: MEDIA_PREFIX,
  mediaUse: (mediaId: string, articleId: string) => ({
    pk: `MEDIAUSE#${mediaId}`,
    sk: `${articlePartition(articleId)}`,
  }),
  mediaUsePartition: (mediaId: string) => `MEDIAUSE#${mediaId}`,
  mediaWords: (mediaId: string, version: number) => ({
    pk: `MEDIAWORDS#${mediaId}`,
    sk: `V#${pad(version, 8)}`,
  }),
  mediaWordsPartition: (mediaId: string) => `MEDIAWORDS#${mediaId}`,
} as const;

export const commentKeys = {
  comment: (id: string) => ({ pk: `COMMENT#${id}`, sk: 'COMMENT' }),
  settings: { pk: 'SETTINGS', sk: 'COMMENTS' },
  flood: (fingerprint: string) => ({ pk: `FLOOD#${fingerprint}`, sk: 'FLOOD' }),
  duplicate: (hash: string) => ({ pk: `DUP#${hash}`, sk: 'DUP' }),
  report: (commentId: string, reader: string) => ({
    pk: `COMMENT#${commentId}`,
    sk: `REPORT#${reader}`,
  }),
  reportPrefix: 'REPORT#',
  /** Sorts between COMMENT and REPORT#: one Query reads a comment and its tombstone together. */
  tombstone: (id: string) => ({ pk: `COMMENT#${id}`, sk: 'REMOVED' }),
  reportWindow: (address: string, windowStart: number) => ({
    pk: `RFLOOD#${address}`,
    sk: `WINDOW#${windowStart}`,
  }),
  bans: 'BANS',
  ban: (id: string) => ({ pk: 'BANS', sk: `BAN#${id}` }),
  banPrefix: 'BAN#',
  banned: (kind: 'email' | 'client' | 'address', hash: string) => ({
    pk: `BANNED#${kind}#${hash}`,
    sk: 'BANNED',
  }),
  trust: (emailHash: string) => ({ pk: `TRUST#${emailHash}`, sk: 'TRUST' }),
  threadHeader: (slug: string, end: 'START' | 'END') => ({ pk: `${THREAD_PREFIX}${slug}`, sk: end }),
  threadState: (slug: string) => ({ pk: `${THREAD_PREFIX}${slug}`, sk: 'STATE' }),
} as const;

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

const threadValue = (slug: string, status: CommentStatus) => `${slug}#${status}`;
const repliesValue = (slug: string, status: CommentStatus, parentId: string) =>
  `${slug}#${status}#${parentId}`;
const queueValue = (articleId: string, status: CommentStatus) => `${articleId}#${status}`;

/**
 * Index attributes a comment carries only sometimes (see reportedIndexValues), or that are fields
 * of its own (the client's and email's hashes, the reply count).
 */
type OccasionalCommentKey =
  | 'gsiReported'
  | 'gsiReportRank'
  | 'fingerprint'
  | 'emailHash'
  | 'replyCount'
  | 'gsiArticle'
  | 'gsiTop'
  | 'gsiFeatured'
  | 'gsiMoved'
  | 'movedAt';

/**
 * A comment's index attributes: the public thread (top-level comments by time and by replies, a
 * comment's replies, the featured), the per-article queue and the status queue. Undefined means
 * the comment is not in that sparse index (REMOVE on update). The public indexes hold approved
 * comments only, the only ones they are read for: a comment held for moderation, or rejected,
 * costs them no write, and approving one puts it there once instead of moving it from another
 * partition (a delete and a put).
 */
export function commentIndexValues(
  c: Pick<
    StoredComment,
    'articleSlug' | 'articleId' | 'status' | 'createdAt' | 'id' | 'parentId' | 'featured'
  >,
): Record<Exclude<IndexKeyAttribute<typeof COMMENTS_TABLE>, OccasionalCommentKey>, string> &
  Record<'gsiArticle' | 'gsiTop' | 'gsiFeatured', string | undefined> {
  const approved = c.status === 'approved';
  return {
    gsiArticle: !approved
      ? undefined
      : c.parentId === null
        ? threadValue(c.articleSlug, c.status)
        : repliesValue(c.articleSlug, c.status, c.parentId),
    gsiTop: approved && c.parentId === null ? threadValue(c.articleSlug, c.status) : undefined,
    gsiFeatured: approved && c.featured ? c.articleSlug : undefined,
    gsiArticleAdmin: queueValue(c.articleId, c.status),
    gsiStatus: c.status,
    gsiCreated: `${c.createdAt}#${c.id}`,
  };
}

/**
 * The thread's headers, written when an article goes live and deleted when it goes dark, in the
 * same transaction: each public view's first page finds one in its own Query, and so knows the
 * article is live without reading the snapshot. START sorts before every comment of the thread by
 * time (oldest first) and before every comment by replies (most first); END after every comment
 * by time (newest first) and in the featured (newest first). They carry no public field.
 */
export function threadHeaders(slug: string) {
  const thread = threadValue(slug, 'approved');
  return [
    {
      ...commentKeys.threadHeader(slug, 'START'),
      type: ITEM_TYPES.threadHeader,
      gsiArticle: thread,
      gsiCreated: THREAD_START,
      gsiTop: thread,
      replyCount: Number.MAX_SAFE_INTEGER,
    },
    {
      ...commentKeys.threadHeader(slug, 'END'),
      type: ITEM_TYPES.threadHeader,
      gsiArticle: thread,
      gsiCreated: THREAD_END,
      gsiFeatured: slug,
    },
  ] as const satisfies readonly Partial<
    Record<IndexKeyAttribute<typeof COMMENTS_TABLE> | 'pk' | 'sk' | 'type', string | number>
  >[];
}
/**
 * The thread's state item, whole (commentKeys.threadState): what the live snapshot says about
 * comments. Publication and the thread-headers migration put it; its fields are then written one
 * at a time beside the snapshot's.
 */
export function threadStateOf(snapshot: {
  id: string;
  slug: string;
  commentsEnabled: boolean;
  commentsCloseAt: string | null;
}) {
  return {
    ...commentKeys.threadState(snapshot.slug),
    type: ITEM_TYPES.threadState,
    articleId: snapshot.id,
    commentsEnabled: snapshot.commentsEnabled,
    commentsCloseAt: snapshot.commentsCloseAt,
  };
}

/** Below and above every `<createdAt>#<id>` (ISO times start with a digit). */
const THREAD_START = '0';
const THREAD_END = '~';

/** Whether an item read from a thread index is one of its headers rather than a comment. */
export const isThreadHeader = (item: Record<string, unknown>) =>
  typeof item.pk === 'string' && item.pk.startsWith(THREAD_PREFIX);

/**
 * A tombstone's index attributes: where its comment stood in the public thread (by time and by
 * replies), with nothing in the featured index or any moderators' queue.
 */
export function tombstoneIndexValues(
  c: Pick<StoredComment, 'articleSlug' | 'createdAt' | 'id'>,
): Record<'gsiArticle' | 'gsiTop' | 'gsiCreated', string> {
  const shown = threadValue(c.articleSlug, 'approved');
  return { gsiArticle: shown, gsiTop: shown, gsiCreated: `${c.createdAt}#${c.id}` };
}

/**
 * A top-level row of the public thread (an approved comment or a tombstone) that rose in the order
 * by replies, or came back into it, at `at`: in the sparse byMoved index from then on. A comment
 * leaves it with the thread (undefined = REMOVE); see comments/threadReads.ts for the reader.
 */
export function movedValues(slug: string, at: string): Record<'gsiMoved' | 'movedAt', string> {
  return { gsiMoved: threadValue(slug, 'approved'), movedAt: at };
}

const REPORTED = 'REPORTED';

/**
 * The reported queue's attributes: an approved comment with open reports is in the sparse
 * byReported index, its sort key leading with the zero-padded count so a descending Query lists
 * the most reported first (then the newest). Anything else leaves it (undefined = REMOVE).
 */
export function reportedIndexValues(
  c: Pick<StoredComment, 'status' | 'reportCount' | 'createdAt' | 'id'>,
): Record<'gsiReported' | 'gsiReportRank', string | undefined> {
  const listed = c.status === 'approved' && c.reportCount > 0;
  return {
    gsiReported: listed ? REPORTED : undefined,
    gsiReportRank: listed ? `${pad(c.reportCount, 6)}#${c.createdAt}#${c.id}` : undefined,
  };
}

type CommentIndex = IndexName<typeof COMMENTS_TABLE>;

/** Which comment index serves which list: the store queries them, infra grants exactly these. */
export const COMMENT_INDEXES = {
  /** The public thread: projects only public fields. */
  thread: 'byArticle',
  /**
   * The public thread's other orders: by most replies, and the featured; and the rows whose place
   * by replies rose, by when (read at the end of a reader's pages by replies). Public fields only.
   */
  threadViews: ['byReplies', 'byFeatured', 'byMoved'],
  /** The moderation queue, across articles and per article. */
  queue: ['byStatus', 'byArticleModeration', 'byReported', 'byClient', 'byCommenter'],
} as const satisfies {
  thread: CommentIndex;
  threadViews: readonly CommentIndex[];
  queue: readonly CommentIndex[];
};

export const commentPartitions = {
  /** Approved top-level comments of an article, by time, on an index of public fields only. */
  thread: (slug: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.thread,
    value: threadValue(slug, 'approved'),
  }),
  /** The same, by reply count. */
  threadByReplies: (slug: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.threadViews[0],
    value: threadValue(slug, 'approved'),
  }),
  /** The same rows, those whose place by replies rose, by when it did (see movedValues). */
  threadMoved: (slug: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.threadViews[2],
    value: threadValue(slug, 'approved'),
  }),
  /** Approved replies to one comment, by time. */
  replies: (slug: string, parentId: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.thread,
    value: repliesValue(slug, 'approved', parentId),
  }),
  /** An article's featured comments, by time. */
  featured: (slug: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.threadViews[1],
    value: slug,
  }),
  queue: (filter: {
    status: CommentStatus;
    articleId?: string | undefined;
  }): IndexPartition<typeof COMMENTS_TABLE> =>
    filter.articleId === undefined
      ? { index: COMMENT_INDEXES.queue[0], value: filter.status }
      : { index: COMMENT_INDEXES.queue[1], value: queueValue(filter.articleId, filter.status) },
  /** Approved comments with open reports, most reported first. */
  reported: { index: COMMENT_INDEXES.queue[2], value: REPORTED } as IndexPartition<typeof COMMENTS_TABLE>,
  /** Every comment one client posted, newest first (for a ban's "reject their pending"). */
  byClient: (fingerprint: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.queue[3],
    value: fingerprint,
  }),
  /** Every comment one commenter posted under an email, by its keyed hash, newest first. */
  byCommenter: (emailHash: string): IndexPartition<typeof COMMENTS_TABLE> => ({
    index: COMMENT_INDEXES.queue[4],
    value: emailHash,
  }),
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
