import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../schemas/articleHistory.ts';
import { ITEM_TYPES, keys } from './keys.ts';
import type { TransactItem } from './query.ts';

/**
 * What comment writes change or check on the content table: the article's comment counts, when its
 * comments close, and the history entry that says who closed them. These items always travel in
 * the transaction of the comment write they follow (shared/store/comments/commentWrites.ts); the
 * article's own writes are in articleWrites.ts.
 */

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

/** Condition on a live snapshot: comments enabled and not closed at `:now`. */
const OPEN_CONDITION =
  'commentsEnabled = :true AND (attribute_not_exists(commentsCloseAt) OR attribute_type(commentsCloseAt, :nullType) OR commentsCloseAt > :now)';

/**
 * The article a comment write counts on: the working copy always, the live snapshot while there is
 * one. Whether the article is live is not read first but assumed, and the transaction checks it:
 * the snapshot's count moves on condition that it exists, or, assumed dark, on condition that it
 * does not. A wrong guess is refused and costs one more transaction, not a read on every
 * moderation.
 */
export interface ArticleTarget {
  articleId: string;
  /** The article's slug, frozen since it was first live (comments exist only on such articles). */
  slug: string;
  live: boolean;
}

/** How the article's counts move with one write. */
export interface CountDeltas {
  comments: number;
  featured: number;
}

/**
 * The live snapshot as a new comment needs it: present, comments enabled and not closed at `now`.
 * The submission's transaction checks it (or moves its count on the same condition).
 */
export function openSnapshotCheck(contentTable: string, slug: string, now: string) {
  const open: Record<string, NativeAttributeValue> = { ':true': true, ':nullType': 'NULL', ':now': now };
  return {
    TableName: contentTable,
    Key: keys.liveSnapshot(slug),
    ConditionExpression: `attribute_exists(pk) AND ${OPEN_CONDITION}`,
    ExpressionAttributeValues: open,
  };
}

/** A comment approved as it is posted: one more on the snapshot (checked open) and the working copy. */
export function newCommentCountItems(
  contentTable: string,
  check: ReturnType<typeof openSnapshotCheck>,
  articleId: string,
): TransactItem[] {
  return [
    {
      Update: {
        ...check,
        UpdateExpression: 'ADD commentCount :one',
        ExpressionAttributeValues: { ...check.ExpressionAttributeValues, ':one': 1 },
      },
    },
    workingCountItem(contentTable, articleId, { comments: 1, featured: 0 }),
  ];
}

/** The count updates that travel with a comment's change of status (or a report's hold). */
export function articleCountItems(
  contentTable: string,
  target: ArticleTarget,
  deltas: CountDeltas,
): TransactItem[] {
  if (deltas.comments === 0 && deltas.featured === 0) return [];
  const { UpdateExpression, values } = addCounts(deltas);
  return articleItems(contentTable, target, { UpdateExpression, ExpressionAttributeValues: values });
}

/**
 * When the article's comments close (null: never by themselves), on the working copy and, if
 * live, the snapshot. Only an article that has been published has a thread to close: the working
 * copy's update is item 0 and carries that condition.
 */
export function closeAtItems(contentTable: string, target: ArticleTarget, closeAt: string | null) {
  return articleItems(
    contentTable,
    target,
    {
      UpdateExpression: 'SET commentsCloseAt = :closeAt',
      ExpressionAttributeValues: { ':closeAt': closeAt },
    },
    'attribute_exists(pk) AND everLive = :true',
    { ':true': true },
  );
}

/** The article's history entry for a close or reopen: who did it, when and why. */
export function threadAuditItem(
  contentTable: string,
  articleId: string,
  audit: { entry: HistoryEntry; unique: string },
): TransactItem {
  return {
    Put: {
      TableName: contentTable,
      Item: {
        ...keys.auditBeside(articleId, audit.entry.version, audit.entry.at, audit.unique),
        type: ITEM_TYPES.audit,
        ...audit.entry,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * An update on the working copy and on the live snapshot (on condition that it exists), or, the
 * article assumed dark, the condition that it has none.
 */
function articleItems(
  contentTable: string,
  target: ArticleTarget,
  update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, NativeAttributeValue> },
  workingCondition = 'attribute_exists(pk)',
  workingValues: Record<string, NativeAttributeValue> = {},
): TransactItem[] {
  const snapshot = keys.liveSnapshot(target.slug);
  return [
    {
      Update: {
        TableName: contentTable,
        Key: keys.working(target.articleId),
        ...update,
        ConditionExpression: workingCondition,
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...workingValues },
      },
    },
    target.live
      ? {
          Update: {
            TableName: contentTable,
            Key: snapshot,
            ...update,
            ConditionExpression: 'attribute_exists(pk) AND id = :id',
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':id': target.articleId },
          },
        }
      : {
          ConditionCheck: {
            TableName: contentTable,
            Key: snapshot,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
  ];
}

function workingCountItem(contentTable: string, articleId: string, deltas: CountDeltas): TransactItem {
  const { UpdateExpression, values } = addCounts(deltas);
  return {
    Update: {
      TableName: contentTable,
      Key: keys.working(articleId),
      UpdateExpression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: values,
    },
  };
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
