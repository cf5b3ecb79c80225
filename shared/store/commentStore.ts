import {
  type DynamoDBDocumentClient,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CommentSettings, ModerationRecord, PublicComment } from '../schemas/comment.ts';
import type { CommentStatus } from '../schemas/facts.ts';
import type { PageKey } from './cursor.ts';
import {
  commentIndexValues,
  commentKeys,
  commentPartitions,
  type IndexPartition,
  ITEM_TYPES,
  keys,
  reportedIndexValues,
} from './keys.ts';
import { parse, type StoredComment } from './model.ts';
import { getItem, indexQuery, type Page, pageKeyOf, type TransactItem } from './query.ts';
import { COMMENTS_TABLE } from './tables.ts';
import { TransactionRefused, transactWrite } from './transactions.ts';
import { setAll } from './update.ts';

export type { StoredComment } from './model.ts';
/** A comment in the public thread: only what the public-safe index projects. */
export type PublicCommentRow = PublicComment;

/** Why a comment write was refused, from the transaction's cancellation reasons. */
export type CommentWriteRefusal =
  | { kind: 'flood'; retryAfterSeconds: number }
  | { kind: 'duplicate' }
  | { kind: 'articleGone' }
  | { kind: 'commentChanged' };

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
}

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
    guards: { nowEpoch: number; floodUntil: number | null; duplicateHash: string; duplicateUntil: number },
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
    // The snapshot must still exist with comments enabled: a comment cannot land on an article
    // that was unpublished or closed while we were checking it.
    const liveCheck = {
      TableName: this.contentTableName,
      Key: keys.liveSnapshot(comment.articleSlug),
      ConditionExpression: 'attribute_exists(pk) AND commentsEnabled = :true',
      ExpressionAttributeValues: { ':true': true } as Record<string, NativeAttributeValue>,
    };
    if (comment.status === 'approved') {
      items.push({
        Update: {
          ...liveCheck,
          UpdateExpression: 'ADD commentCount :one',
          ExpressionAttributeValues: { ':true': true, ':one': 1 },
        },
      });
      items.push(this.countUpdate(comment.articleId, 1));
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
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
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
   * Changes a comment's status if it is still `from`, appending the moderation record and moving
   * the article's count by `delta` in the same transaction. Two moderators acting at once cannot
   * both succeed, so a comment is never counted twice.
   */
  async changeStatus(
    comment: StoredComment,
    to: CommentStatus,
    record: ModerationRecord,
    delta: number,
    targets: CountTargets,
    /** Writes that must commit with this one (a commenter's trust counters); never conditional. */
    extra: readonly TransactItem[] = [],
  ): Promise<StoredComment> {
    // A moderator's decision closes the open reports: off the reported queue, count back to 0.
    const next = { ...comment, status: to, reportCount: 0 };
    const update = setAll(
      { status: to, reportCount: 0, ...commentIndexValues(next), ...reportedIndexValues(next) },
      { append: { moderation: [record] }, expected: { status: comment.status } },
    );
    const items: TransactItem[] = [
      { Update: { TableName: this.tableName, Key: commentKeys.comment(comment.id), ...update } },
      ...this.countItems(targets, delta),
      ...extra,
    ];
    await this.transact(items);
    return { ...next, moderation: [...comment.moderation, record] };
  }

  /** Erases a comment for good, taking it off the count if it was approved. */
  async erase(comment: StoredComment, targets: CountTargets): Promise<void> {
    await this.transact([
      {
        Delete: {
          TableName: this.tableName,
          Key: commentKeys.comment(comment.id),
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': comment.status },
        },
      },
      ...this.countItems(targets, comment.status === 'approved' ? -1 : 0),
    ]);
  }

  /** The count updates that travel with a status change (also used by reports that hold one). */
  countItems(targets: CountTargets, delta: number): TransactItem[] {
    if (delta === 0) return [];
    const snapshot = keys.liveSnapshot(targets.slug);
    return [
      this.countUpdate(targets.articleId, delta),
      targets.live
        ? {
            Update: {
              TableName: this.contentTableName,
              Key: snapshot,
              UpdateExpression: 'ADD commentCount :d',
              ConditionExpression: 'attribute_exists(pk) AND id = :id',
              ExpressionAttributeValues: { ':d': delta, ':id': targets.articleId },
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

  private countUpdate(articleId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.contentTableName,
        Key: keys.working(articleId),
        UpdateExpression: 'ADD commentCount :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': delta },
      },
    };
  }

  /** A status change or erasure: item 0 is the comment, the rest move the article's counts. */
  private async transact(items: TransactItem[]): Promise<void> {
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(0)) throw new CommentWriteRefused({ kind: 'commentChanged' });
      // The comment was as expected, so the article's live state is not what was assumed.
      throw new CommentWriteRefused({ kind: 'articleGone' });
    }
  }

  /** Approved comments of a live article, oldest first: one Query on the public-safe index. */
  listApproved(slug: string, limit: number, startKey: PageKey | undefined): Promise<Page<PublicComment>> {
    return this.queryIndex(commentPartitions.thread(slug), true, limit, startKey, parse.publicComment);
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
