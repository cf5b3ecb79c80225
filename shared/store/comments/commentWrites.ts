import { DeleteCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../../schemas/articleHistory.ts';
import type { ModerationRecord } from '../../schemas/comment.ts';
import {
  type ArticleTarget,
  closeAtItems,
  newCommentCountItems,
  openSnapshotCheck,
  threadAuditItem,
} from '../articleCommentWrites.ts';
import { commentIndexValues, commentKeys } from '../commentKeys.ts';
import type { StoredComment } from '../commentModel.ts';
import type { CommentStore } from '../commentStore.ts';
import { ITEM_TYPES } from '../keys.ts';
import { queryPages, type TransactItem } from '../query.ts';
import { TransactionRefused, transactWrite } from '../transactions.ts';
import { type CountTargets, deltasOf, followItems, parentItems, tombstoneItems } from './counts.ts';
import { moderationUpdate, versionCondition, withRecord } from './transitions.ts';

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
 * The writes on comments, each one transaction: a new comment with its flood and duplicate
 * markers, a moderation transition, an erasure, and the close or reopen of a thread. The counts
 * they move (counts.ts, articleCommentWrites.ts) travel in the same transaction.
 */
export class CommentWrites {
  constructor(private readonly comments: CommentStore) {}

  private get db() {
    return this.comments.db;
  }

  private get tableName() {
    return this.comments.tableName;
  }

  private get contentTableName() {
    return this.comments.contentTableName;
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
    const liveCheck = openSnapshotCheck(this.contentTableName, comment.articleSlug, guards.now);
    if (comment.status === 'approved') {
      items.push(...newCommentCountItems(this.contentTableName, liveCheck, comment.articleId));
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
      items.push(
        ...parentItems(this.tableName, { id: comment.parentId, head: null }, 1, comment.articleSlug),
      );
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
    const head = tombstoneItems(this.tableName, before, next);
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
    const parents = followItems(this.comments, items, targets, deltasOf(before, next));
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
    const head = tombstoneItems(this.tableName, comment, null);
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
    const parents = followItems(this.comments, items, targets, deltasOf(comment, null));
    await this.transact(items, parents);
    await this.deleteReports(comment.id);
  }

  /**
   * Sets when the article's comments close (null: never by themselves) on the working copy and,
   * if live, the snapshot, with the article's history entry saying who did it, when and why. Only
   * an article that has been published has a thread to close.
   */
  async setCloseAt(
    target: ArticleTarget,
    closeAt: string | null,
    audit: { entry: HistoryEntry; unique: string },
  ): Promise<void> {
    const items = closeAtItems(this.contentTableName, target, closeAt);
    // The thread's state item follows the snapshot (keys.ts threadState), live only: submissions
    // check it. On an article live since before it existed this makes a partial one, ignored.
    if (target.live) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: commentKeys.threadState(target.slug),
          UpdateExpression: 'SET commentsCloseAt = :closeAt',
          ExpressionAttributeValues: { ':closeAt': closeAt },
        },
      });
    }
    items.push(threadAuditItem(this.contentTableName, target.articleId, audit));
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      throw new CommentWriteRefused({ kind: error.failed(0) ? 'commentChanged' : 'articleGone' });
    }
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
}
