import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { type ArticleTarget, articleCountItems, type CountDeltas } from '../articleCommentWrites.ts';
import { commentKeys, movedValues, tombstoneIndexValues } from '../commentKeys.ts';
import type { StoredComment } from '../commentModel.ts';
import { ITEM_TYPES } from '../keys.ts';
import type { TransactItem } from '../query.ts';

/**
 * The counts a comment's change moves, as transaction items: the article's comment and featured
 * counts (articleCommentWrites.ts), a reply's top-level comment's reply count, and the tombstone
 * that keeps that count in the public thread once its comment is gone. Pure item builders: the
 * writes (commentWrites.ts, reportStore.ts) put them in their transactions.
 */

/**
 * How a top-level comment is shown in the public thread: itself while approved; otherwise, while
 * approved replies answer it, by its tombstone (no author, no body), which keeps the same reply
 * count. Every write that moves a reply's approval moves both counts, so they stay equal.
 */
export const SHOWN = 'approved';

/**
 * Where a comment's change is counted (see ArticleTarget: the live state is assumed, and a wrong
 * guess is refused as `articleGone`).
 */
export interface CountTargets extends ArticleTarget {
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

/** What a comment's own change does to the counts: approved comments, featured ones, replies. */
export function deltasOf(before: StoredComment | null, after: StoredComment | null): CountDeltas {
  const approved = (c: StoredComment | null) => (c?.status === 'approved' ? 1 : 0);
  const featured = (c: StoredComment | null) => (c?.status === 'approved' && c.featured ? 1 : 0);
  return { comments: approved(after) - approved(before), featured: featured(after) - featured(before) };
}

/**
 * Appends what follows from a comment's change: the article's counts and, for a reply, its
 * parent's reply count. Returns where the parent's updates sit.
 */
export function followItems(
  tables: { tableName: string; contentTableName: string },
  items: TransactItem[],
  targets: CountTargets,
  deltas: CountDeltas,
): number[] {
  items.push(...articleCountItems(tables.contentTableName, targets, deltas));
  if (deltas.comments === 0 || targets.parent === null) return [];
  const start = items.length;
  items.push(...parentItems(tables.tableName, targets.parent, deltas.comments, targets.slug));
  return items.map((_, i) => i).slice(start);
}

/**
 * A reply's approval moves its top-level comment's replyCount (its byReplies sort key) and,
 * once that comment is out of the thread, its tombstone's, created from the comment if it has
 * none yet (a comment taken down before tombstones existed). Each item checks the state it was
 * planned on. Nothing to move when both are gone (a comment erased before tombstones existed).
 */
export function parentItems(
  tableName: string,
  parent: ParentTarget,
  delta: number,
  slug: string,
): TransactItem[] {
  const key = commentKeys.comment(parent.id);
  const add = (condition: string, values: Record<string, NativeAttributeValue> = {}) => ({
    TableName: tableName,
    UpdateExpression: 'ADD replyCount :d',
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':d': delta, ':shown': SHOWN, ...values },
  });
  // The row the thread shows climbs in the order by replies: it is marked moved (byMoved), so
  // a reader already past its new place still finds it (see ThreadReads.listApproved).
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
          TableName: tableName,
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
        TableName: tableName,
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
          TableName: tableName,
          Key: key,
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
  }
  return items;
}

/** Now, as the byMoved index records when a row rose (see ThreadReads.listApproved for the margin). */
export const movedNow = () => new Date().toISOString();

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
export function tombstoneItems(
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
