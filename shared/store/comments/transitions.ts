import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { ModerationRecord } from '../../schemas/comment.ts';
import { COMMENT_LIMITS } from '../../schemas/facts.ts';
import { commentIndexValues, movedValues, reportedIndexValues } from '../commentKeys.ts';
import type { StoredComment } from '../commentModel.ts';
import { setAll } from '../update.ts';
import { movedNow, SHOWN } from './counts.ts';

/**
 * A comment's own write in a moderation transition (a moderator's decision, an undo, a hold by
 * reader reports, an erasure): its version, its log, and the update of the fields it owns with
 * their index attributes. The counts that move with it are in counts.ts.
 */

/** The number of moderation actions a comment has had: its version. */
export const decisionsOf = (c: StoredComment): number => c.decisions ?? c.moderation.length;

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
export function versionCondition(before: StoredComment) {
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
