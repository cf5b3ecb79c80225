import type { ModerationRecord } from '../../schemas/comment.ts';
import { MODERATION_TARGET, type ModerationAction, UNDO_SECONDS } from '../../schemas/facts.ts';
import type { StoredComment } from '../../store/commentStore.ts';
import { decisionsOf } from '../../store/comments/transitions.ts';
import { flagReasons } from './reasons.ts';

/**
 * What a moderator's decision makes of a comment, and how it is taken back. Pure: moderation.ts
 * reads, plans with these, and writes on the comment's version.
 */

/** A planned moderation write, or why there is none (the answer's detail). */
export type Plan =
  | {
      after: StoredComment;
      record: Omit<ModerationRecord, 'at' | 'actor'>;
      /** The undo's trust counters move back: -1 approval, -1 spam mark (see moderation.ts). */
      trustBack?: 'approvals' | 'spamMarks' | undefined;
      /** The comment's open reports must still be this many (an undo restores the count read). */
      reportsStill?: number | undefined;
    }
  | { refused: 403 | 409; detail: string };

/**
 * What an action makes of a comment, or why it cannot (a 409). A status action closes the open
 * reports and unfeatures (only an approved comment is featured); featuring leaves the status;
 * keep closes the reports of an approved comment and leaves it up (off the reported queue).
 */
export function decide(comment: StoredComment, action: ModerationAction): StoredComment | string {
  if (action === 'keep') {
    if (comment.status !== 'approved')
      return `Only an approved comment can be kept; this one is ${comment.status}: approve it instead.`;
    if (comment.reportCount === 0) return 'The comment has no open reports to dismiss.';
    return { ...comment, reportCount: 0 };
  }
  if (action === 'feature' || action === 'unfeature') {
    const featured = action === 'feature';
    if (comment.status !== 'approved')
      return `Only an approved comment can be ${action}d; this one is ${comment.status}.`;
    if (comment.featured === featured)
      return `The comment is already ${featured ? 'featured' : 'not featured'}.`;
    return { ...comment, featured };
  }
  const to = MODERATION_TARGET[action];
  if (comment.status === to) return `The comment is already ${to}.`;
  return { ...comment, status: to, featured: false, reportCount: 0 };
}

/**
 * Why: the rules that had held the comment, the reports a keep dismissed, and the moderator's
 * note.
 */
export function moderationReasons(
  comment: StoredComment,
  action: ModerationAction,
  note: string | undefined,
) {
  return [
    ...flagReasons(comment.flags),
    ...(action === 'keep' ? [{ rule: 'reports', detail: String(comment.reportCount) }] : []),
    ...(note ? [{ rule: 'moderator', detail: note }] : []),
  ];
}

/** The decision `after` will record, with what it replaces: what an undo puts back. */
export function undoable(
  before: StoredComment,
  action: ModerationAction,
  actor: string,
  at: string,
): NonNullable<StoredComment['undo']> {
  return {
    decisions: decisionsOf(before) + 1,
    actor,
    at,
    action,
    status: before.status,
    featured: before.featured,
    reportCount: before.reportCount,
    ...(before.reportSummary ? { reportSummary: before.reportSummary } : {}),
    trustCounted: before.trustCounted,
  };
}

/**
 * Taking back a moderator's own last decision: the comment as it was before it (status, featured,
 * open reports and what readers said, trust), on condition that nothing changed it since: its
 * version is still the one the decision made (`decisions`, as the decision answered), and no reader
 * reported it meanwhile. A stale undo is a 409 that says what happened instead.
 */
export function planUndo(comment: StoredComment, actor: string, decisions: number, now: Date): Plan {
  const last = comment.undo;
  const version = decisionsOf(comment);
  if (version !== decisions) {
    return {
      refused: 409,
      detail:
        version > decisions
          ? 'The comment has been moderated again since that decision (by another moderator, or held back by reader reports): it was not undone. Reload it.'
          : 'The comment has not had that decision.',
    };
  }
  if (!last || last.decisions !== version)
    return {
      refused: 409,
      detail: 'The last decision on this comment cannot be undone (it was an undo, or the system’s).',
    };
  if (last.actor !== actor)
    return { refused: 403, detail: 'Only the moderator who made a decision can undo it.' };
  if (now.getTime() - Date.parse(last.at) > UNDO_SECONDS * 1000)
    return {
      refused: 409,
      detail: `A decision can be undone for ${UNDO_SECONDS} seconds; this one is older. Moderate the comment again instead.`,
    };
  // Featuring leaves the reports alone, so its undo does too; every other decision closed them
  // (0), and a report since would be lost if they came back as they were.
  const featuring = last.action === 'feature' || last.action === 'unfeature';
  if (!featuring && comment.reportCount !== 0)
    return {
      refused: 409,
      detail:
        'Readers reported the comment after your decision: it was not undone. Moderate it again instead.',
    };
  const after: StoredComment = featuring
    ? { ...comment, featured: last.featured, undo: undefined }
    : { ...comment, ...restored(last), undo: undefined };
  return {
    after,
    record: {
      action: 'undo',
      from: comment.status,
      to: after.status,
      note: `Undid ${last.action}`,
      reasons: [],
    },
    trustBack:
      last.trustCounted !== comment.trustCounted
        ? 'approvals'
        : comment.status === 'spam' && last.status !== 'spam'
          ? 'spamMarks'
          : undefined,
    ...(featuring ? {} : { reportsStill: 0 }),
  };
}

/** The fields an undo puts back. */
function restored(last: NonNullable<StoredComment['undo']>) {
  return {
    status: last.status,
    featured: last.featured,
    reportCount: last.reportCount,
    reportSummary: last.reportSummary,
    trustCounted: last.trustCounted,
  };
}
