import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import type { ModerationInput, ModerationLog, ModerationRecord, UndoInput } from '../../schemas/comment.ts';
import { type ModerationAction, ULID_PATTERN } from '../../schemas/facts.ts';
import type { CommentStore, StoredComment } from '../../store/commentStore.ts';
import { CommenterStore } from '../../store/comments/commenterStore.ts';
import { CommentWriteRefused, type CommentWrites } from '../../store/comments/commentWrites.ts';
import { type CountTargets, deltasOf, type ThreadHead } from '../../store/comments/counts.ts';
import { decisionsOf } from '../../store/comments/transitions.ts';
import type { TransactItem } from '../../store/query.ts';
import { decide, moderationReasons, type Plan, planUndo, undoable } from './decisions.ts';
import { emailHash } from './identity.ts';

export type ModerationResult =
  | { id: string; status: 200; comment: StoredComment }
  | { id: string; status: 403 | 404 | 409; detail: string };

export interface ModerationDeps {
  comments: CommentStore;
  writes: CommentWrites;
  clock: Clock;
  /** Trust is keyed by the keyed hash of the commenter's email, computed here for older comments. */
  fingerprintSecret: string;
}

/**
 * How often a top-level comment's take-down is planned again because a reply was approved
 * meanwhile (its reply count moved; the tombstone must carry the new count).
 */
const MAX_RECOUNTS = 30;
const ORPHAN =
  'The comment this reply answers was erased before it had approved replies: the reply cannot be shown. Reject it instead.';

/**
 * A moderator's decisions on comments (one, or many at once), taking one back, a comment's log,
 * and erasure: each a change of the comment written with the counts it moves, on its version.
 */
export function createModeration({ comments, writes, clock, fingerprintSecret }: ModerationDeps) {
  const commenters = new CommenterStore(comments);

  /**
   * A moderator's first approval of a comment counts toward the commenter's trust (an approval
   * after a requeue does not count again); a spam mark ends it.
   */
  function trustItems(
    comment: StoredComment,
    after: StoredComment,
    back?: 'approvals' | 'spamMarks',
  ): TransactItem[] {
    const hash =
      comment.emailHash ??
      (comment.authorEmail ? emailHash(fingerprintSecret, comment.authorEmail) : undefined);
    if (hash && back) return [commenters.trustUpdate(hash, back, -1)];
    if (!hash || after.status === comment.status) return [];
    if (after.status === 'spam') return [commenters.trustUpdate(hash, 'spamMarks')];
    if (countsTrust(comment, after)) return [commenters.trustUpdate(hash, 'approvals')];
    return [];
  }

  /**
   * A planned change of one comment by `principal`, written with its counts on the comment's
   * version. Two requests when the article is live (read the comment, one transaction), three
   * when it is not: the first transaction assumes live and is refused, the second assumes dark.
   * A refusal for a change of the comment itself plans again on what it is now.
   */
  async function apply(
    principal: Principal,
    id: string,
    plan: (comment: StoredComment) => Plan,
  ): Promise<ModerationResult> {
    const read = ULID_PATTERN.test(id) ? await comments.get(id) : null;
    if (!read) return { id, status: 404, detail: `No comment with id ${id}.` };
    let comment: StoredComment = read;
    let live = true;
    // A reply's top-level comment: assumed shown (approved) until a refusal says otherwise.
    let head: ThreadHead | null = null;
    let recounts = 0;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const planned = plan(comment);
      if ('refused' in planned) return { id, status: planned.refused, detail: planned.detail };
      const { after } = planned;
      if (head && !head.comment && !head.tombstone && deltasOf(comment, after).comments > 0) {
        return { id, status: 409, detail: ORPHAN };
      }
      const record: ModerationRecord = {
        at: clock.now().toISOString(),
        actor: principal.sub,
        ...planned.record,
      };
      try {
        const updated = await writes.change(
          comment,
          after,
          record,
          countTargets(comment, live, head),
          trustItems(comment, after, planned.trustBack),
          planned.reportsStill === undefined
            ? undefined
            : {
                condition: '#reportsStill = :reportsStill',
                values: { ':reportsStill': planned.reportsStill },
                names: { '#reportsStill': 'reportCount' },
              },
        );
        return { id, status: 200, comment: updated };
      } catch (error) {
        if (!(error instanceof CommentWriteRefused)) throw error;
        if (error.refusal.kind === 'commentChanged') {
          // Only its reply count moved (a reply approved meanwhile): the same decision, again.
          const fresh = await comments.get(id);
          if (fresh && decisionsOf(fresh) === decisionsOf(comment) && fresh.status === comment.status) {
            comment = fresh;
            // Replies approved in a burst each refuse a take-down once: that is their progress,
            // not a conflict with another moderator, so it does not use up the attempts.
            if (recounts < MAX_RECOUNTS) {
              recounts += 1;
              attempt -= 1;
            }
            continue;
          }
          return {
            id,
            status: 409,
            detail: 'Another moderator changed this comment at the same time; reload it.',
          };
        }
        // The reply's top-level comment is not shown as assumed: read how it is, count there.
        if (error.refusal.kind === 'parentGone' && comment.parentId)
          head = await comments.head(comment.parentId);
        // The article is not as live as assumed (or went live or dark meanwhile): guess again.
        else live = !live;
      }
    }
    return { id, status: 409, detail: 'The article changed while moderating; try again.' };
  }

  function moderateOne(
    principal: Principal,
    id: string,
    action: ModerationAction,
    note: string | undefined,
  ): Promise<ModerationResult> {
    return apply(principal, id, (comment) => {
      const decided = decide(comment, action);
      if (typeof decided === 'string') return { refused: 409, detail: decided };
      const at = clock.now().toISOString();
      return {
        after: {
          ...decided,
          trustCounted: comment.trustCounted || countsTrust(comment, decided),
          undo: undoable(comment, action, principal.sub, at),
        },
        record: {
          action,
          from: comment.status,
          to: decided.status,
          ...(note ? { note } : {}),
          reasons: moderationReasons(comment, action, note),
        },
      };
    });
  }

  return {
    async moderate(principal: Principal, id: string, input: ModerationInput): Promise<StoredComment> {
      const result = await moderateOne(principal, id, input.action, input.note);
      if (result.status === 200) return result.comment;
      throw result.status === 404 ? new NotFoundError(result.detail) : new ConflictError(result.detail);
    },

    /** Each id is moderated on its own; one bad id does not stop the others. */
    async moderateMany(
      principal: Principal,
      ids: readonly string[],
      input: ModerationInput,
    ): Promise<ModerationResult[]> {
      const unique = [...new Set(ids)];
      const results: ModerationResult[] = [];
      const CONCURRENCY = 8;
      for (let i = 0; i < unique.length; i += CONCURRENCY) {
        const batch = unique.slice(i, i + CONCURRENCY);
        results.push(
          ...(await Promise.all(batch.map((id) => moderateOne(principal, id, input.action, input.note)))),
        );
      }
      return results;
    },

    /**
     * Takes back the caller's own last decision on a comment (see planUndo): 409 when anything
     * changed it since, 403 for someone else's decision.
     */
    async undo(principal: Principal, id: string, input: UndoInput): Promise<StoredComment> {
      const now = clock.now();
      const result = await apply(principal, id, (comment) =>
        planUndo(comment, principal.sub, input.decisions, now),
      );
      if (result.status === 200) return result.comment;
      if (result.status === 403) throw new ForbiddenError(result.detail);
      throw result.status === 404 ? new NotFoundError(result.detail) : new ConflictError(result.detail);
    },

    /** A comment's moderation log, for moderators. */
    async log(id: string): Promise<ModerationLog> {
      const comment = await comments.get(id);
      if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
      return {
        commentId: comment.id,
        status: comment.status,
        featured: comment.featured,
        decisions: decisionsOf(comment),
        entries: comment.moderation.map((r) => ({ ...r, reasons: r.reasons ?? [] })),
      };
    },

    async erase(id: string): Promise<void> {
      let live = true;
      let head: ThreadHead | null = null;
      // Its replies' approvals refuse it as they land (see apply): room for a burst of them.
      for (let attempt = 0; attempt < 6 + MAX_RECOUNTS; attempt += 1) {
        const comment = await comments.get(id);
        if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
        try {
          await writes.erase(comment, countTargets(comment, live, head));
          return;
        } catch (error) {
          // Moderated meanwhile, or the article or the parent is not as assumed: read again.
          if (!(error instanceof CommentWriteRefused)) throw error;
          if (error.refusal.kind === 'articleGone') live = !live;
          if (error.refusal.kind === 'parentGone' && comment.parentId)
            head = await comments.head(comment.parentId);
        }
      }
      throw new ConflictError('The comment kept changing while it was being erased; try again.');
    },
  };
}

/** A comment's first approval by a moderator counts toward its writer's trust, once. */
function countsTrust(before: StoredComment, after: StoredComment): boolean {
  return after.status === 'approved' && before.status !== 'approved' && !before.trustCounted;
}

/** Where a comment's change is counted; `head` as read of a reply's parent (null: assumed shown). */
function countTargets(comment: StoredComment, live: boolean, head: ThreadHead | null = null): CountTargets {
  return {
    articleId: comment.articleId,
    slug: comment.articleSlug,
    live,
    parent: comment.parentId ? { id: comment.parentId, head } : null,
  };
}
