import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PublicComment } from '../../schemas/comment.ts';
import type { ThreadSort } from '../../schemas/facts.ts';
import { commentPartitions, isThreadHeader } from '../commentKeys.ts';
import type { CommentStore } from '../commentStore.ts';
import type { PageKey } from '../cursor.ts';
import type { IndexPartition } from '../keys.ts';
import { parse } from '../model.ts';
import { indexKeyOf, indexQuery, type Page, pageKeyOf } from '../query.ts';
import { COMMENTS_TABLE } from '../tables.ts';

/** A page of a public view, and whether one of the thread's headers was in it (the article is live). */
export interface ThreadPage<T> extends Page<T> {
  liveSeen: boolean;
}

/**
 * The public thread of a live article: its approved top-level comments (and the tombstones that
 * keep the place of those taken down with replies) in three orders, the replies under one, and
 * the featured ones. Reads only, on indexes that project public fields alone.
 */
export class ThreadReads {
  constructor(private readonly comments: CommentStore) {}

  private get tableName() {
    return this.comments.tableName;
  }

  /**
   * Approved top-level comments of a live article in the order asked for: one Query on an index
   * that projects only public fields (byArticle by time, byReplies by reply count). A first page
   * starts at one of the thread's headers (keys.ts threadHeaders), so it says whether the article
   * is live (`liveSeen`) without another request.
   * Tombstones are among them, shown while approved replies answer them: one with none left is
   * filtered out (a page may then hold fewer than `limit`; its cursor goes on).
   */
  async listApproved(
    slug: string,
    sort: ThreadSort,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<ThreadPage<PublicComment>> {
    if (sort === 'replies') return this.listByReplies(slug, limit, startKey);
    const page = await this.queryThread(
      commentPartitions.thread(slug),
      sort === 'oldest',
      limit,
      startKey,
      true,
    );
    return { ...page, items: page.items.filter(shownRow) };
  }

  /**
   * Most replies first. The order moves while a reader pages: a row below their page gains
   * replies and climbs above it. So the pages go in two passes, one Query each. First byReplies,
   * from the top down. Then the rows marked moved since the reader's first page (byMoved, by when,
   * oldest first; a row that climbs again meanwhile is marked later, so it is still ahead): every
   * row that could have climbed past the reader is listed there. A row listed in both passes is
   * the price (listed twice, never skipped). The cursor carries when the reader started (less
   * MOVED_MARGIN_MS) and which pass it is in; the first pass ends with a cursor to the second.
   */
  private async listByReplies(
    slug: string,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<ThreadPage<PublicComment>> {
    const { since, moved, seen, key } = repliesCursor(startKey);
    if (!moved) {
      // A row already marked moved since the reader started, listed here where it stands now:
      // the second pass need not list it again unless it moves again (its mark then differs).
      const onRow = (row: Record<string, unknown>) => {
        if (typeof row.movedAt === 'string' && row.movedAt > since && seen.length < MOVED_SEEN_MAX)
          seen.push(movedMark(row));
      };
      // Filtered here, not by the Query: on byReplies the count is the sort key, which a
      // FilterExpression may not name.
      const page = await this.queryThread(
        commentPartitions.threadByReplies(slug),
        false,
        limit,
        key,
        true,
        onRow,
      );
      return {
        ...page,
        items: page.items.filter(shownRow),
        lastKey: {
          ...(page.lastKey ?? { [MOVED_PASS]: 1 }),
          [MOVED_SINCE]: since,
          ...(seen.length ? { [MOVED_SEEN]: seen.join('.') } : {}),
        },
      };
    }
    const partition = commentPartitions.threadMoved(slug);
    const query = indexQuery(COMMENTS_TABLE, this.tableName, partition);
    const result = await this.comments.db.send(
      new QueryCommand({
        ...query,
        KeyConditionExpression: `${query.KeyConditionExpression} AND #movedAt > :since`,
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#movedAt': 'movedAt' },
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':since': since },
        ScanIndexForward: true,
        Limit: limit,
        ExclusiveStartKey: key,
      }),
    );
    const next = pageKeyOf(result.LastEvaluatedKey);
    const known = new Set(seen);
    return {
      items: (result.Items ?? [])
        .filter((row) => !known.has(movedMark(row)))
        .map(parse.publicComment)
        .filter(shownRow),
      lastKey: next
        ? {
            ...next,
            [MOVED_PASS]: 1,
            [MOVED_SINCE]: since,
            ...(seen.length ? { [MOVED_SEEN]: seen.join('.') } : {}),
          }
        : undefined,
      liveSeen: false,
    };
  }

  /** Approved replies to one comment, oldest first: one Query (no header: see threadHeaders). */
  listReplies(slug: string, parentId: string, limit: number, startKey: PageKey | undefined) {
    return this.queryThread(commentPartitions.replies(slug, parentId), true, limit, startKey, false);
  }

  /** An article's featured comments, newest first: one Query on the sparse byFeatured index. */
  listFeatured(slug: string, limit: number, startKey: PageKey | undefined) {
    return this.queryThread(commentPartitions.featured(slug), false, limit, startKey, true);
  }

  /**
   * One page of a public view. On a first page whose partition starts with a header, one item
   * more is asked for: the header, which is taken out (any header reached at the far end too).
   * Without a header (an article that is not live, or one published before headers existed), a
   * page never holds more than `limit` comments either.
   */
  private async queryThread(
    partition: IndexPartition<typeof COMMENTS_TABLE>,
    oldestFirst: boolean,
    limit: number,
    startKey: PageKey | undefined,
    headed: boolean,
    /** Each comment row as read, before it is cut to its public fields. */
    onRow: (item: Record<string, unknown>) => void = () => {},
  ): Promise<ThreadPage<PublicComment>> {
    const withHeader = headed && startKey === undefined;
    const query = indexQuery(COMMENTS_TABLE, this.tableName, partition);
    const result = await this.comments.db.send(
      new QueryCommand({
        ...query,
        ScanIndexForward: oldestFirst,
        Limit: withHeader ? limit + 1 : limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const found = result.Items ?? [];
    const liveSeen = found.some(isThreadHeader);
    let comments = found.filter((item) => !isThreadHeader(item));
    let lastKey = pageKeyOf(result.LastEvaluatedKey);
    if (comments.length > limit) {
      comments = comments.slice(0, limit);
      lastKey = indexKeyOf(COMMENTS_TABLE, partition, comments.at(-1) ?? {});
    }
    comments.forEach(onRow);
    return { items: comments.map(parse.publicComment), lastKey, liveSeen };
  }
}

/** A tombstone with no replies left is not shown (a page may then hold fewer than `limit`). */
const shownRow = (c: PublicComment) => !c.removed || c.replyCount > 0;

/**
 * How long before a reader's first page by replies a row marked moved is read again: moves are
 * stamped by another function's clock when planned, and commit a little later.
 */
const MOVED_MARGIN_MS = 60_000;
/** Cursor fields of the order by replies beside DynamoDB's key (see listByReplies). */
const MOVED_SINCE = 'movedSince';
const MOVED_PASS = 'movedPass';
const MOVED_SEEN = 'movedSeen';
/**
 * At most this many rows seen in the first pass after they moved are remembered by the cursor
 * (11 characters each, within the cursor's 2,048): beyond, such a row is listed twice.
 */
const MOVED_SEEN_MAX = 60;

/** A row's move as a short mark: its id and when it last rose (the cursor is signed). */
const movedMark = (row: Record<string, unknown>) =>
  createHash('sha256')
    .update(`${String(row.id)}#${String(row.movedAt)}`)
    .digest('base64url')
    .slice(0, 10);

/**
 * A cursor of the order by replies: when its reader started, which pass, the marks of rows seen
 * after they moved, and the Query's key.
 */
function repliesCursor(startKey: PageKey | undefined) {
  const { [MOVED_SINCE]: since, [MOVED_PASS]: pass, [MOVED_SEEN]: seen, ...rest } = startKey ?? {};
  return {
    seen: typeof seen === 'string' && seen ? seen.split('.') : [],
    // A cursor from before the two passes has no start: from now on, then.
    since: typeof since === 'string' ? since : new Date(Date.now() - MOVED_MARGIN_MS).toISOString(),
    moved: pass !== undefined,
    key: Object.keys(rest).length > 0 ? rest : undefined,
  };
}
