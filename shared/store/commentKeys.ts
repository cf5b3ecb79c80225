import type { CommentStatus } from '../schemas/facts.ts';
import type { StoredComment } from './commentModel.ts';
import { type IndexPartition, ITEM_TYPES, pad } from './keys.ts';
import type { COMMENTS_TABLE, IndexKeyAttribute, IndexName } from './tables.ts';

/**
 * The comments table's keys and index values (the content table's are in ./keys.ts): the comment
 * stores build items and queries only from these.
 *
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
const THREAD_PREFIX = 'THREAD#';

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
