import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../schemas/article.ts';
import type { CommentSettings, ModerationRecord, PublicComment } from '../schemas/comment.ts';
import { COMMENT_LIMITS, type CommentStatus, type ThreadSort } from '../schemas/facts.ts';
import type { PageKey } from './cursor.ts';
import {
  commentIndexValues,
  commentKeys,
  commentPartitions,
  type IndexPartition,
  ITEM_TYPES,
  isThreadHeader,
  keys,
  movedValues,
  reportedIndexValues,
  tombstoneIndexValues,
} from './keys.ts';
import { parse, type StoredComment } from './model.ts';
import {
  getItem,
  indexKeyOf,
  indexQuery,
  type Page,
  pageKeyOf,
  queryPages,
  type TransactItem,
} from './query.ts';
import { COMMENTS_TABLE } from './tables.ts';
import { TransactionRefused, transactWrite } from './transactions.ts';
import { setAll } from './update.ts';

export type { StoredComment } from './model.ts';

/** A page of a public view, and whether one of the thread's headers was in it (the article is live). */
export interface ThreadPage<T> extends Page<T> {
  liveSeen: boolean;
}
/** A comment in the public thread: only what the public-safe index projects. */
export type PublicCommentRow = PublicComment;

/** Why a comment write was refused, from the transaction's cancellation reasons. */
export type CommentWriteRefusal =
  | { kind: 'flood'; retryAfterSeconds: number }
  | { kind: 'duplicate' }
  | { kind: 'articleGone' }
  | { kind: 'commentChanged' }
  /** The comment a reply belongs to is gone (erased): its reply count cannot move. */
  | { kind: 'parentGone' };

export class CommentWriteRefused extends Error {
  constructor(readonly refusal: CommentWriteRefusal) {
    super(refusal.kind);
  }
}

/**
 * Where a comment's count lives: the working copy always, the live snapshot while there is one.
 * Whether the article is live is not read first but assumed, and the transaction checks it: the
 * snapshot's count moves on condition that it exists, or, assumed dark, on condition that it does
 * not. A wrong guess is refused as `articleGone` and costs one more transaction, not a read on
 * every moderation.
 */
export interface CountTargets {
  articleId: string;
  /** The article's slug, frozen since it was first live (comments exist only on such articles). */
  slug: string;
  live: boolean;
  /**
   * The top-level comment whose replyCount moves with a reply's approval; null for a top-level
   * comment.
   */
  parent: ParentTarget | null;
}

/**
 * A reply's top-level comment as read for counting: the comment (null once erased) and its
 * tombstone (null while it has none), each with the reply count it keeps.
 */
export interface ThreadHead {
  comment: Pick<StoredComment, 'status' | 'replyCount' | 'articleSlug' | 'createdAt'> | null;
  tombstone: { replyCount: number } | null;
}

export interface ParentTarget {
  id: string;
  /**
   * As read; null when not read but assumed approved (the usual case: one request saved). The
   * transaction checks what it assumes, and a wrong guess is refused as `parentGone`.
   */
  head: ThreadHead | null;
}

/** How the article's counts move with one write. */
export interface CountDeltas {
  comments: number;
  featured: number;
}

/** What a comment's own change does to the counts: approved comments, featured ones, replies. */
export function deltasOf(before: StoredComment | null, after: StoredComment | null): CountDeltas {
  const approved = (c: StoredComment | null) => (c?.status === 'approved' ? 1 : 0);
  const featured = (c: StoredComment | null) => (c?.status === 'approved' && c.featured ? 1 : 0);
  return { comments: approved(after) - approved(before), featured: featured(after) - featured(before) };
}

/** The number of moderation actions a comment has had: its version. */
export const decisionsOf = (c: StoredComment): number => c.decisions ?? c.moderation.length;

/** Whether an article with these fields takes comments at `now`. */
export function commentsOpen(
  article: { commentsEnabled: boolean; commentsCloseAt: string | null },
  now: Date,
): boolean {
  return (
    article.commentsEnabled &&
    (article.commentsCloseAt === null || Date.parse(article.commentsCloseAt) > now.getTime())
  );
}

/**
 * How a top-level comment is shown in the public thread: itself while approved; otherwise, while
 * approved replies answer it, by its tombstone (no author, no body), which keeps the same reply
 * count. Every write that moves a reply's approval moves both counts, so they stay equal.
 */
const SHOWN = 'approved';

/** Condition on a live snapshot: comments enabled and not closed at `:now`. */
const OPEN_CONDITION =
  'commentsEnabled = :true AND (attribute_not_exists(commentsCloseAt) OR attribute_type(commentsCloseAt, :nullType) OR commentsCloseAt > :now)';

/** How long a container trusts comment settings it read: a change made elsewhere applies within this. */
export const SETTINGS_CACHE_MS = 30_000;

/** Settings as last read or written in this container, per table. */
const settingsCache = new Map<string, { settings: CommentSettings | null; readAt: number }>();

/**
 * Comments, settings and the flood/duplicate markers, plus the count updates on the content
 * table, which always travel in the same transaction as the status change they follow.
 */
export class CommentStore {
  constructor(
    /** Shared with the stores of shared/store/comments/ (reports, bans, trust) on the same tables. */
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly contentTableName: string,
  ) {}

  async get(id: string): Promise<StoredComment | null> {
    const item = await getItem(this.db, this.tableName, commentKeys.comment(id), true);
    return item ? parse.comment(item) : null;
  }

  /**
   * The moderation settings. With `maxAgeMs`, a copy this container read or wrote at most that
   * long ago will do (comment submission: one request fewer per comment); without, a fresh
   * strongly consistent read (the settings screen).
   */
  async getSettings(maxAgeMs = 0): Promise<CommentSettings | null> {
    const cached = settingsCache.get(this.tableName);
    if (cached && performance.now() - cached.readAt < maxAgeMs) return cached.settings;
    const item = await getItem(this.db, this.tableName, commentKeys.settings, true);
    const settings = item ? parse.commentSettings(item) : null;
    settingsCache.set(this.tableName, { settings, readAt: performance.now() });
    return settings;
  }

  async putSettings(settings: CommentSettings, actor: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...commentKeys.settings, ...settings, updatedBy: actor, updatedAt: at },
      }),
    );
    // This container applies its own change at once; others within SETTINGS_CACHE_MS.
    settingsCache.set(this.tableName, { settings, readAt: performance.now() });
  }

  /**
   * Stores a new comment with its flood and duplicate markers and, if it is approved at once, the
   * count. The article must still be live with comments enabled when the transaction commits.
   */
  async create(
    comment: StoredComment,
    guards: {
      now: string;
      nowEpoch: number;
      floodUntil: number | null;
      duplicateHash: string;
      duplicateUntil: number;
      /** The thread's state item is whole (see readForSubmission): a held comment checks it. */
      threadStateAgrees: boolean;
    },
  ): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...commentKeys.comment(comment.id),
            type: ITEM_TYPES.comment,
            ...comment,
            ...commentIndexValues(comment),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...commentKeys.duplicate(guards.duplicateHash), expiresAt: guards.duplicateUntil },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': guards.nowEpoch },
        },
      },
    ];
    // The snapshot must still exist with comments enabled and not closed: a comment cannot land
    // on an article that was unpublished or closed while we were checking it.
    const open: Record<string, NativeAttributeValue> = {
      ':true': true,
      ':nullType': 'NULL',
      ':now': guards.now,
    };
    const liveCheck = {
      TableName: this.contentTableName,
      Key: keys.liveSnapshot(comment.articleSlug),
      ConditionExpression: `attribute_exists(pk) AND ${OPEN_CONDITION}`,
      ExpressionAttributeValues: open,
    };
    if (comment.status === 'approved') {
      items.push({
        Update: {
          ...liveCheck,
          UpdateExpression: 'ADD commentCount :one',
          ExpressionAttributeValues: { ...open, ':one': 1 },
        },
      });
      items.push(this.workingUpdate(comment.articleId, { comments: 1, featured: 0 }));
    } else if (guards.threadStateAgrees) {
      // The same condition on the thread's state item, which follows the snapshot's fields in
      // every write that changes them and exists only while it does: 2 write units, not 6 or more.
      items.push({
        ConditionCheck: {
          ...liveCheck,
          TableName: this.tableName,
          Key: commentKeys.threadState(comment.articleSlug),
        },
      });
    } else {
      items.push({ ConditionCheck: liveCheck });
    }
    const floodIndex = items.length;
    if (guards.floodUntil !== null) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...commentKeys.flood(comment.fingerprint), expiresAt: guards.floodUntil },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': guards.nowEpoch },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    const parentIndex = items.length;
    if (comment.status === 'approved' && comment.parentId !== null) {
      items.push(...this.parentItems({ id: comment.parentId, head: null }, 1, comment.articleSlug));
    }
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(parentIndex)) throw new CommentWriteRefused({ kind: 'parentGone' });
      if (guards.floodUntil !== null && error.failed(floodIndex)) {
        // The old item comes back in DynamoDB's wire format ({ N: "..." }).
        const stored = error.itemAt(floodIndex)?.expiresAt;
        const until = Number(stored?.N ?? guards.floodUntil);
        throw new CommentWriteRefused({
          kind: 'flood',
          retryAfterSeconds: Math.max(1, until - guards.nowEpoch),
        });
      }
      if (error.failed(1)) throw new CommentWriteRefused({ kind: 'duplicate' });
      if (error.failed(2)) throw new CommentWriteRefused({ kind: 'articleGone' });
      // Item 0 is the comment itself, under a fresh ULID: refused only if an id repeated.
      throw error;
    }
  }

  /**
   * One moderation action: the comment becomes `after` (status, featured, reports closed), its log
   * gains `record` (the newest COMMENT_LIMITS.moderationLog kept), and the article's counts and
   * the parent's reply count move with it, all in one transaction conditioned on the comment's
   * version (its number of decisions): two actions on the same comment at once cannot both
   * commit, so no count moves twice or on a stale reading.
   */
  async change(
    before: StoredComment,
    after: StoredComment,
    record: ModerationRecord,
    targets: CountTargets,
    /** Writes that must commit with this one (a commenter's trust counters); never conditional. */
    extra: readonly TransactItem[] = [],
    /** One more condition on the comment (an undo: no report landed since the decision). */
    guard?: {
      condition: string;
      values: Record<string, NativeAttributeValue>;
      names: Record<string, string>;
    },
  ): Promise<StoredComment> {
    const next = withRecord(after, before, record);
    const head = this.tombstoneItems(before, next);
    const condition = [head.condition?.condition, guard?.condition].filter(Boolean).join(' AND ');
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: commentKeys.comment(before.id),
          ...moderationUpdate(before, next, {
            ...(condition ? { condition } : {}),
            values: { ...head.condition?.values, ...guard?.values },
            ...(guard ? { names: guard.names } : {}),
          }),
        },
      },
      ...head.items,
    ];
    const parents = this.followItems(items, targets, deltasOf(before, next));
    items.push(...extra);
    await this.transact(items, parents);
    return next;
  }

  /**
   * Erases a comment for good, with what it counted (approved, featured, a reply), then its
   * readers' report markers. A top-level comment leaves its tombstone (no author, no body) with
   * its reply count, so its approved replies, and any approved later, keep their place.
   */
  async erase(comment: StoredComment, targets: CountTargets): Promise<void> {
    const head = this.tombstoneItems(comment, null);
    const version = versionCondition(comment);
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: this.tableName,
          Key: commentKeys.comment(comment.id),
          ConditionExpression: [version.ConditionExpression, head.condition?.condition]
            .filter(Boolean)
            .join(' AND '),
          ...(version.ExpressionAttributeNames
            ? { ExpressionAttributeNames: version.ExpressionAttributeNames }
            : {}),
          ExpressionAttributeValues: { ...version.ExpressionAttributeValues, ...head.condition?.values },
        },
      },
      ...head.items,
    ];
    const parents = this.followItems(items, targets, deltasOf(comment, null));
    await this.transact(items, parents);
    await this.deleteReports(comment.id);
  }

  /** See headItems: the tombstone writes of a top-level comment's change (reports use it too). */
  tombstoneItems(before: StoredComment, after: StoredComment | null) {
    return headItems(this.tableName, before, after);
  }

  /**
   * A reply's top-level comment and its tombstone, read together (one strongly consistent Query:
   * their sort keys are adjacent), to count the reply on whichever shows it.
   */
  async head(id: string): Promise<ThreadHead> {
    const { pk } = commentKeys.comment(id);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :comment AND :tombstone',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':comment': commentKeys.comment(id).sk,
          ':tombstone': commentKeys.tombstone(id).sk,
        },
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const comment = items.find((i) => i.sk === commentKeys.comment(id).sk);
    const tombstone = items.find((i) => i.sk === commentKeys.tombstone(id).sk);
    return {
      comment: comment ? parse.comment(comment) : null,
      tombstone: tombstone ? { replyCount: Number(tombstone.replyCount ?? 0) } : null,
    };
  }

  /**
   * Appends what follows from a comment's change: the article's counts and, for a reply, its
   * parent's reply count. Returns where the parent's updates sit.
   */
  followItems(items: TransactItem[], targets: CountTargets, deltas: CountDeltas): number[] {
    items.push(...this.countItems(targets, deltas));
    if (deltas.comments === 0 || targets.parent === null) return [];
    const start = items.length;
    items.push(...this.parentItems(targets.parent, deltas.comments, targets.slug));
    return items.map((_, i) => i).slice(start);
  }

  /** The count updates that travel with a status change (also used by reports that hold one). */
  countItems(targets: CountTargets, deltas: CountDeltas): TransactItem[] {
    if (deltas.comments === 0 && deltas.featured === 0) return [];
    const { UpdateExpression, values } = addCounts(deltas);
    return this.articleItems(targets, { UpdateExpression, ExpressionAttributeValues: values });
  }

  /**
   * Sets when the article's comments close (null: never by themselves) on the working copy and,
   * if live, the snapshot, with the article's history entry saying who did it, when and why. Only
   * an article that has been published has a thread to close.
   */
  async setCloseAt(
    targets: Omit<CountTargets, 'parent'>,
    closeAt: string | null,
    audit: { entry: HistoryEntry; unique: string },
  ): Promise<void> {
    const items = this.articleItems(
      { ...targets, parent: null },
      {
        UpdateExpression: 'SET commentsCloseAt = :closeAt',
        ExpressionAttributeValues: { ':closeAt': closeAt },
      },
      'attribute_exists(pk) AND everLive = :true',
      { ':true': true },
    );
    // The thread's state item follows the snapshot (keys.ts threadState), live only: submissions
    // check it. On an article live since before it existed this makes a partial one, ignored.
    if (targets.live) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: commentKeys.threadState(targets.slug),
          UpdateExpression: 'SET commentsCloseAt = :closeAt',
          ExpressionAttributeValues: { ':closeAt': closeAt },
        },
      });
    }
    items.push({
      Put: {
        TableName: this.contentTableName,
        Item: {
          ...keys.auditBeside(targets.articleId, audit.entry.version, audit.entry.at, audit.unique),
          type: ITEM_TYPES.audit,
          ...audit.entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      throw new CommentWriteRefused({ kind: error.failed(0) ? 'commentChanged' : 'articleGone' });
    }
  }

  /**
   * An update on the working copy and on the live snapshot (on condition that it exists), or, the
   * article assumed dark, the condition that it has none.
   */
  private articleItems(
    targets: CountTargets,
    update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, NativeAttributeValue> },
    workingCondition = 'attribute_exists(pk)',
    workingValues: Record<string, NativeAttributeValue> = {},
  ): TransactItem[] {
    const snapshot = keys.liveSnapshot(targets.slug);
    return [
      {
        Update: {
          TableName: this.contentTableName,
          Key: keys.working(targets.articleId),
          ...update,
          ConditionExpression: workingCondition,
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...workingValues },
        },
      },
      targets.live
        ? {
            Update: {
              TableName: this.contentTableName,
              Key: snapshot,
              ...update,
              ConditionExpression: 'attribute_exists(pk) AND id = :id',
              ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':id': targets.articleId },
            },
          }
        : {
            ConditionCheck: {
              TableName: this.contentTableName,
              Key: snapshot,
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
    ];
  }

  private workingUpdate(articleId: string, deltas: CountDeltas): TransactItem {
    const { UpdateExpression, values } = addCounts(deltas);
    return {
      Update: {
        TableName: this.contentTableName,
        Key: keys.working(articleId),
        UpdateExpression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * A reply's approval moves its top-level comment's replyCount (its byReplies sort key) and,
   * once that comment is out of the thread, its tombstone's, created from the comment if it has
   * none yet (a comment taken down before tombstones existed). Each item checks the state it was
   * planned on. Nothing to move when both are gone (a comment erased before tombstones existed).
   */
  private parentItems(parent: ParentTarget, delta: number, slug: string): TransactItem[] {
    const key = commentKeys.comment(parent.id);
    const add = (condition: string, values: Record<string, NativeAttributeValue> = {}) => ({
      TableName: this.tableName,
      UpdateExpression: 'ADD replyCount :d',
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':d': delta, ':shown': SHOWN, ...values },
    });
    // The row the thread shows climbs in the order by replies: it is marked moved (byMoved), so
    // a reader already past its new place still finds it (see listApproved).
    const rises = delta > 0 ? risen(slug) : null;
    const { head } = parent;
    if (head === null || head.comment?.status === SHOWN) {
      const update = add('#status = :shown');
      return [{ Update: { ...update, ...withRise(update, rises), Key: key } }];
    }
    const items: TransactItem[] = [];
    const tombstoneKey = commentKeys.tombstone(parent.id);
    if (head.comment) {
      const n = head.comment.replyCount;
      const same = head.tombstone
        ? ''
        : ` AND ${n === 0 ? '(replyCount = :n OR attribute_not_exists(replyCount))' : 'replyCount = :n'}`;
      items.push({
        Update: {
          ...add(`attribute_exists(pk) AND #status <> :shown${same}`, head.tombstone ? {} : { ':n': n }),
          Key: key,
        },
      });
      if (!head.tombstone) {
        items.push({
          Put: {
            TableName: this.tableName,
            Item: tombstoneItem({ id: parent.id, ...head.comment, replyCount: Math.max(0, n + delta) }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        return items;
      }
    }
    if (head.tombstone) {
      const update = {
        UpdateExpression: 'ADD replyCount :d',
        ExpressionAttributeValues: { ':d': delta } as Record<string, NativeAttributeValue>,
      };
      items.push({
        Update: {
          TableName: this.tableName,
          Key: tombstoneKey,
          ConditionExpression: 'attribute_exists(pk)',
          ...update,
          ...withRise(update, rises),
        },
      });
      if (!head.comment) {
        // Erased for good: it cannot come back, but the plan was made on its absence.
        items.push({
          ConditionCheck: {
            TableName: this.tableName,
            Key: key,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    return items;
  }

  /** Readers' report markers live under the comment's partition: erased with it. */
  private async deleteReports(commentId: string): Promise<void> {
    const { pk } = commentKeys.comment(commentId);
    for await (const page of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': commentKeys.reportPrefix },
      ProjectionExpression: 'pk, sk',
    })) {
      const found = page.Items ?? [];
      for (let i = 0; i < found.length; i += 10) {
        await Promise.all(
          found
            .slice(i, i + 10)
            .map((Key) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key }))),
        );
      }
    }
  }

  /** A moderation write or erasure: item 0 is the comment, the rest move counts. */
  private async transact(items: TransactItem[], parents: readonly number[]): Promise<void> {
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(0)) throw new CommentWriteRefused({ kind: 'commentChanged' });
      if (parents.some((i) => error.failed(i))) throw new CommentWriteRefused({ kind: 'parentGone' });
      // The comment was as expected, so the article's live state is not what was assumed.
      throw new CommentWriteRefused({ kind: 'articleGone' });
    }
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
    const result = await this.db.send(
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
    const result = await this.db.send(
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

  /** The moderation queue: pending oldest first, decided comments newest first. */
  listForModeration(
    filter: { status: CommentStatus; articleId?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<StoredComment>> {
    const oldestFirst = filter.status === 'pending';
    return this.queryIndex(commentPartitions.queue(filter), oldestFirst, limit, startKey, parse.comment);
  }

  private async queryIndex<T>(
    partition: IndexPartition<typeof COMMENTS_TABLE>,
    oldestFirst: boolean,
    limit: number,
    startKey: PageKey | undefined,
    map: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    const result = await this.db.send(
      new QueryCommand({
        ...indexQuery(COMMENTS_TABLE, this.tableName, partition),
        ScanIndexForward: oldestFirst,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(map), lastKey: pageKeyOf(result.LastEvaluatedKey) };
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

/** `after` with `record` at the end of its log (the newest kept) and one more decision. */
export function withRecord(
  after: StoredComment,
  before: StoredComment,
  record: ModerationRecord,
): StoredComment {
  return {
    ...after,
    moderation: [...before.moderation, record].slice(-COMMENT_LIMITS.moderationLog),
    decisions: decisionsOf(before) + 1,
  };
}

/**
 * Writes on a comment are conditioned on its version: its number of decisions (on a comment
 * stored before that was kept, on having none yet and the status read).
 */
function versionCondition(before: StoredComment) {
  return before.decisions === undefined
    ? {
        ConditionExpression: 'attribute_not_exists(decisions) AND #status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': before.status },
      }
    : {
        ConditionExpression: 'decisions = :decisions',
        ExpressionAttributeValues: { ':decisions': before.decisions },
      };
}

/**
 * The comment's update for a moderation action: what it owns of `next` and its index
 * attributes, on condition of the version read (see versionCondition).
 */
export function moderationUpdate(
  before: StoredComment,
  next: StoredComment,
  extra: {
    condition?: string;
    values?: Record<string, NativeAttributeValue>;
    names?: Record<string, string>;
  } = {},
) {
  // The reports move only with the status or their count: a decision that closes them drops what
  // readers said with them; featuring leaves them alone, so a report that lands between the read
  // and this write (it does not change `decisions`) is not overwritten with the count read.
  const reportsMove = next.status !== before.status || next.reportCount !== before.reportCount;
  const update = setAll(
    {
      status: next.status,
      featured: next.featured,
      ...(reportsMove
        ? {
            reportCount: next.reportCount,
            reportSummary: next.reportCount > 0 ? next.reportSummary : undefined,
            ...reportedIndexValues(next),
          }
        : {}),
      flags: next.flags,
      moderation: next.moderation,
      decisions: next.decisions,
      ...(next.trustCounted ? { trustCounted: true } : {}),
      // An undo puts trustCounted back to false: say so, rather than leave the true it had.
      ...(before.trustCounted && !next.trustCounted ? { trustCounted: false } : {}),
      undo: next.undo,
      ...commentIndexValues(next),
      ...movedUpdate(before, next),
    },
    // A comment stored before reply counts has none: 0 puts it in byReplies (replies only ADD).
    { setIfMissing: { replyCount: 0 } },
  );
  const version = versionCondition(before);
  return {
    UpdateExpression: update.UpdateExpression,
    ConditionExpression: [version.ConditionExpression, extra.condition].filter(Boolean).join(' AND '),
    ExpressionAttributeNames: {
      ...update.ExpressionAttributeNames,
      ...(version.ExpressionAttributeNames ?? {}),
      ...(extra.names ?? {}),
    },
    ExpressionAttributeValues: {
      ...update.ExpressionAttributeValues,
      ...version.ExpressionAttributeValues,
      ...(extra.values ?? {}),
    },
  };
}

/** Now, as the byMoved index records when a row rose (see listApproved for the margin). */
const movedNow = () => new Date().toISOString();

/** The byMoved values of a rise in `slug`'s thread, now. */
const risen = (slug: string) => movedValues(slug, movedNow());

/** An ADD on a thread row with, when it rises, the SET that marks it moved. */
function withRise(
  update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, NativeAttributeValue> },
  rise: Record<'gsiMoved' | 'movedAt', string> | null,
) {
  if (!rise) return {};
  return {
    UpdateExpression: `SET gsiMoved = :movedIn, movedAt = :movedAt ${update.UpdateExpression}`,
    ExpressionAttributeValues: {
      ...update.ExpressionAttributeValues,
      ':movedIn': rise.gsiMoved,
      ':movedAt': rise.movedAt,
    },
  };
}

/**
 * A comment's byMoved values in a moderation write: out with the thread (a rejected comment must
 * be in no public index); back in, marked moved now, when one with replies returns in place of
 * its placeholder; untouched otherwise.
 */
function movedUpdate(before: StoredComment, next: StoredComment): Record<string, string | undefined> {
  if (next.status !== SHOWN) return { gsiMoved: undefined, movedAt: undefined };
  if (before.parentId === null && before.status !== SHOWN && before.replyCount > 0)
    return movedValues(next.articleSlug, movedNow());
  return {};
}

/** The tombstone of a top-level comment: where it stood in the thread, and its reply count. */
export function tombstoneItem(c: Pick<StoredComment, 'id' | 'articleSlug' | 'createdAt' | 'replyCount'>) {
  return {
    ...commentKeys.tombstone(c.id),
    type: ITEM_TYPES.tombstone,
    id: c.id,
    parentId: null,
    articleSlug: c.articleSlug,
    createdAt: c.createdAt,
    replyCount: c.replyCount,
    featured: false,
    ...tombstoneIndexValues(c),
  };
}

/**
 * What a top-level comment's own change does to its tombstone. Leaving the thread (taken down or
 * erased) with approved replies writes one with the reply count read, on condition that the
 * count has not moved since; coming back removes it. One taken down without replies gets its
 * tombstone when a reply is approved after all (see parentItems); one erased without replies
 * takes no more (its pending replies cannot be approved).
 */
function headItems(
  tableName: string,
  before: StoredComment,
  after: StoredComment | null,
): {
  items: TransactItem[];
  condition?: { condition: string; values: Record<string, NativeAttributeValue> };
} {
  if (before.parentId !== null) return { items: [] };
  const wasShown = before.status === SHOWN;
  const isShown = after?.status === SHOWN;
  if (!wasShown && isShown) {
    return { items: [{ Delete: { TableName: tableName, Key: commentKeys.tombstone(before.id) } }] };
  }
  const leaves = after === null || (wasShown && !isShown);
  if (!leaves) return { items: [] };
  const n = before.replyCount;
  // Conditioned on the reply count read even when it is 0 and nothing is written: a reply approved
  // meanwhile (it counts on the shown comment without reading it) refuses this write, which is
  // then planned again with that reply, tombstone included. Unconditioned, the comment left with
  // its replies counted and no placeholder to list them under.
  const condition = {
    condition:
      n === 0 ? '(replyCount = :replies OR attribute_not_exists(replyCount))' : 'replyCount = :replies',
    values: { ':replies': n },
  };
  if (n === 0) return { items: [], condition };
  // The placeholder takes the comment's place, marked moved: a reader who started before may
  // have missed the comment where it climbed to, and must not miss it as a placeholder.
  const item = { ...tombstoneItem(before), ...movedValues(before.articleSlug, movedNow()) };
  return { items: [{ Put: { TableName: tableName, Item: item } }], condition };
}

/** `ADD` for the counts that move, with their values. */
function addCounts(deltas: CountDeltas) {
  const adds: string[] = [];
  const values: Record<string, NativeAttributeValue> = {};
  if (deltas.comments !== 0) {
    adds.push('commentCount :dc');
    values[':dc'] = deltas.comments;
  }
  if (deltas.featured !== 0) {
    adds.push('featuredCount :df');
    values[':df'] = deltas.featured;
  }
  return { UpdateExpression: `ADD ${adds.join(', ')}`, values };
}
