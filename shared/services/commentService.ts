import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { Clock, IdFactory } from '../clock.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../errors.ts';
import type {
  CommentSettings,
  CommentSettingsInput,
  CommentSubmit,
  ModerationInput,
  ModerationLog,
  ModerationRecord,
  UndoInput,
} from '../schemas/comment.ts';
import { COMMENT_LIMITS, type CommentStatus, type ModerationAction, ULID_PATTERN } from '../schemas/facts.ts';
import type { ArticleStore } from '../store/articleStore.ts';
import {
  type CommentStore,
  CommentWriteRefused,
  type CountTargets,
  commentsOpen,
  decisionsOf,
  deltasOf,
  SETTINGS_CACHE_MS,
  type StoredComment,
  type ThreadHead,
} from '../store/commentStore.ts';
import { CommenterStore } from '../store/comments/commenterStore.ts';
import { readForSubmission } from '../store/comments/submissionReads.ts';
import type { PageKey } from '../store/cursor.ts';
import type { TransactItem } from '../store/query.ts';
import { banMessage } from './comments/bans.ts';
import { decide, moderationReasons, type Plan, planUndo, undoable } from './comments/decisions.ts';
import { type ClientInfo, commenterOf, emailHash } from './comments/identity.ts';
import { assess, isTrusted } from './comments/policy.ts';

/**
 * Defaults a small newsroom can run with: every comment waits for a moderator, two links are
 * fine, one comment per client every 30 seconds. Admins change them at /v1/admin/settings/comments.
 */
export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  mode: 'pre',
  maxLinks: 2,
  blockedTerms: [],
  floodSeconds: 30,
  reportThreshold: 3,
  suspectTerms: [],
  trustAfter: 0,
  closeAfterDays: null,
};

/** How long an identical comment from the same client counts as a duplicate. */
const DUPLICATE_WINDOW_SECONDS = 24 * 60 * 60;

export type { ClientInfo };

export interface CommentServiceDeps {
  comments: CommentStore;
  articles: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  /**
   * Keys the client fingerprint, so a stored hash cannot be reversed to an IP by guessing. Null in
   * a function that never takes comments (moderation): submit() then refuses rather than hash.
   */
  fingerprintSecret: string;
}

export type ModerationResult =
  | { id: string; status: 200; comment: StoredComment }
  | { id: string; status: 403 | 404 | 409; detail: string };

/** Reader comments: submission with the moderation rules, the queue, moderation and exact counts. */
export class CommentService {
  /** Bans and trust, on the same table. */
  private readonly commenters: CommenterStore;

  constructor(private readonly deps: CommentServiceDeps) {
    this.commenters = new CommenterStore(deps.comments);
  }

  async settings(): Promise<CommentSettings> {
    return (await this.deps.comments.getSettings()) ?? DEFAULT_COMMENT_SETTINGS;
  }

  async updateSettings(principal: Principal, input: CommentSettingsInput): Promise<CommentSettings> {
    const settings: CommentSettings = { ...DEFAULT_COMMENT_SETTINGS, ...input };
    await this.deps.comments.putSettings(settings, principal.sub, this.deps.clock.now().toISOString());
    return settings;
  }

  async submit(
    slug: string,
    input: CommentSubmit,
    client: ClientInfo,
  ): Promise<{ id: string; status: 'pending' | 'approved' }> {
    // Two requests, a reply included: one BatchGetItem over both tables (the live snapshot, the
    // parent, the commenter's ban markers and trust) and the transaction. The snapshot is read
    // eventually consistent: the transaction checks again that it exists with comments enabled (or
    // the thread's state item, which follows it), so a stale answer can only turn into a 404 at
    // commit, never a comment on a dark article.
    // Settings come from this container's copy, at most SETTINGS_CACHE_MS old.
    const now = this.deps.clock.now();
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const who = commenterOf(this.deps.fingerprintSecret, client, input.authorEmail);
    const { fingerprint } = who;
    const hashedEmail = who.emailHashes[0];
    const [reads, cachedSettings] = await Promise.all([
      readForSubmission(this.deps.comments, this.commenters, { slug, parentId: input.parentId, who }, now),
      this.deps.comments.getSettings(SETTINGS_CACHE_MS),
    ]);
    const { snapshot: article, parent, standing } = reads;
    if (!article) throw new NotFoundError(`No published article at "${slug}".`);
    if (!commentsOpen(article, now)) throw new ForbiddenError(CLOSED);
    const settings = cachedSettings ?? DEFAULT_COMMENT_SETTINGS;

    // Threads are one level deep: a reply to a reply joins the top-level comment it answers.
    let parentId: string | null = null;
    if (input.parentId) {
      if (!parent || parent.articleId !== article.id || parent.status !== 'approved') {
        const message = 'is not a published comment on this article';
        throw new ValidationError(`The reply cannot be posted: ${message}.`, [{ path: 'parentId', message }]);
      }
      parentId = parent.parentId ?? parent.id;
    }

    // Who is posting: a ban refuses them; enough approved comments and no spam trust them.
    if (standing.ban) throw new ForbiddenError(banMessage(standing.ban));
    const { status, flags } = assess(input, settings, isTrusted(standing, settings));
    const comment: StoredComment = {
      id: this.deps.newId(now),
      articleId: article.id,
      articleSlug: article.slug,
      articleTitle: article.title,
      parentId,
      depth: parentId === null ? 1 : COMMENT_LIMITS.maxDepth,
      authorName: input.authorName,
      authorEmail: input.authorEmail ?? null,
      body: input.body,
      status,
      createdAt: now.toISOString(),
      fingerprint,
      flags,
      moderation: [],
      reportCount: 0,
      ...(hashedEmail ? { emailHash: hashedEmail } : {}),
      addressHash: who.address,
      featured: false,
      replyCount: 0,
      decisions: 0,
      trustCounted: false,
    };
    try {
      await this.deps.comments.create(comment, {
        now: now.toISOString(),
        nowEpoch,
        floodUntil: settings.floodSeconds > 0 ? nowEpoch + settings.floodSeconds : null,
        duplicateHash: createHash('sha256')
          .update(`${fingerprint}\n${article.id}\n${normalize(input.body)}`)
          .digest('hex'),
        duplicateUntil: nowEpoch + DUPLICATE_WINDOW_SECONDS,
        threadStateAgrees: reads.threadStateAgrees,
      });
    } catch (error) {
      if (!(error instanceof CommentWriteRefused)) throw error;
      const { refusal } = error;
      if (refusal.kind === 'flood') {
        throw new TooManyRequestsError(
          `You are commenting too quickly. Try again in ${refusal.retryAfterSeconds} seconds.`,
          refusal.retryAfterSeconds,
        );
      }
      if (refusal.kind === 'duplicate') throw new ConflictError('You have already posted this comment.');
      if (refusal.kind === 'parentGone') {
        const message = 'is not a published comment on this article';
        throw new ValidationError(`The reply cannot be posted: ${message}.`, [{ path: 'parentId', message }]);
      }
      // Unpublished or closed while we were checking: say which.
      const now2 = this.deps.clock.now();
      const current = await this.deps.articles.getSnapshot(slug, true);
      if (current && !commentsOpen(current, now2)) throw new ForbiddenError(CLOSED);
      throw new NotFoundError(`No published article at "${slug}" that takes comments.`);
    }
    // A spam verdict is never revealed to the submitter.
    return { id: comment.id, status: status === 'approved' ? 'approved' : 'pending' };
  }

  async queue(
    filter: { status: CommentStatus; articleId?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ) {
    return this.deps.comments.listForModeration(filter, limit, startKey);
  }

  async moderate(principal: Principal, id: string, input: ModerationInput): Promise<StoredComment> {
    const result = await this.moderateOne(principal, id, input.action, input.note);
    if (result.status === 200) return result.comment;
    throw result.status === 404 ? new NotFoundError(result.detail) : new ConflictError(result.detail);
  }

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
        ...(await Promise.all(batch.map((id) => this.moderateOne(principal, id, input.action, input.note)))),
      );
    }
    return results;
  }

  /** A comment's moderation log, for moderators. */
  async log(id: string): Promise<ModerationLog> {
    const comment = await this.deps.comments.get(id);
    if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
    return {
      commentId: comment.id,
      status: comment.status,
      featured: comment.featured,
      decisions: decisionsOf(comment),
      entries: comment.moderation.map((r) => ({ ...r, reasons: r.reasons ?? [] })),
    };
  }

  async erase(id: string): Promise<void> {
    let live = true;
    let head: ThreadHead | null = null;
    // Its replies' approvals refuse it as they land (see moderateOne): room for a burst of them.
    for (let attempt = 0; attempt < 6 + MAX_RECOUNTS; attempt += 1) {
      const comment = await this.deps.comments.get(id);
      if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
      try {
        await this.deps.comments.erase(comment, countTargets(comment, live, head));
        return;
      } catch (error) {
        // Moderated meanwhile, or the article or the parent is not as assumed: read again.
        if (!(error instanceof CommentWriteRefused)) throw error;
        if (error.refusal.kind === 'articleGone') live = !live;
        if (error.refusal.kind === 'parentGone' && comment.parentId)
          head = await this.deps.comments.head(comment.parentId);
      }
    }
    throw new ConflictError('The comment kept changing while it was being erased; try again.');
  }

  /**
   * Takes back the caller's own last decision on a comment (see planUndo): 409 when anything
   * changed it since, 403 for someone else's decision.
   */
  async undo(principal: Principal, id: string, input: UndoInput): Promise<StoredComment> {
    const now = this.deps.clock.now();
    const result = await this.apply(principal, id, (comment) =>
      planUndo(comment, principal.sub, input.decisions, now),
    );
    if (result.status === 200) return result.comment;
    if (result.status === 403) throw new ForbiddenError(result.detail);
    throw result.status === 404 ? new NotFoundError(result.detail) : new ConflictError(result.detail);
  }

  private moderateOne(
    principal: Principal,
    id: string,
    action: ModerationAction,
    note: string | undefined,
  ): Promise<ModerationResult> {
    return this.apply(principal, id, (comment) => {
      const decided = decide(comment, action);
      if (typeof decided === 'string') return { refused: 409, detail: decided };
      const at = this.deps.clock.now().toISOString();
      return {
        after: {
          ...decided,
          trustCounted: comment.trustCounted || this.countsTrust(comment, decided),
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

  /**
   * A planned change of one comment by `principal`, written with its counts on the comment's
   * version. Two requests when the article is live (read the comment, one transaction), three
   * when it is not: the first transaction assumes live and is refused, the second assumes dark.
   * A refusal for a change of the comment itself plans again on what it is now.
   */
  private async apply(
    principal: Principal,
    id: string,
    plan: (comment: StoredComment) => Plan,
  ): Promise<ModerationResult> {
    const read = ULID_PATTERN.test(id) ? await this.deps.comments.get(id) : null;
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
        at: this.deps.clock.now().toISOString(),
        actor: principal.sub,
        ...planned.record,
      };
      try {
        const updated = await this.deps.comments.change(
          comment,
          after,
          record,
          countTargets(comment, live, head),
          this.trustItems(comment, after, planned.trustBack),
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
          const fresh = await this.deps.comments.get(id);
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
          head = await this.deps.comments.head(comment.parentId);
        // The article is not as live as assumed (or went live or dark meanwhile): guess again.
        else live = !live;
      }
    }
    return { id, status: 409, detail: 'The article changed while moderating; try again.' };
  }

  /** A comment's first approval by a moderator counts toward its writer's trust, once. */
  private countsTrust(before: StoredComment, after: StoredComment): boolean {
    return after.status === 'approved' && before.status !== 'approved' && !before.trustCounted;
  }

  /**
   * A moderator's first approval of a comment counts toward the commenter's trust (an approval
   * after a requeue does not count again); a spam mark ends it.
   */
  private trustItems(
    comment: StoredComment,
    after: StoredComment,
    back?: 'approvals' | 'spamMarks',
  ): TransactItem[] {
    const hash =
      comment.emailHash ??
      (comment.authorEmail ? emailHash(this.deps.fingerprintSecret, comment.authorEmail) : undefined);
    if (hash && back) return [this.commenters.trustUpdate(hash, back, -1)];
    if (!hash || after.status === comment.status) return [];
    if (after.status === 'spam') return [this.commenters.trustUpdate(hash, 'spamMarks')];
    if (this.countsTrust(comment, after)) return [this.commenters.trustUpdate(hash, 'approvals')];
    return [];
  }
}

const CLOSED = 'Comments are closed on this article.';
/**
 * How often a top-level comment's take-down is planned again because a reply was approved
 * meanwhile (its reply count moved; the tombstone must carry the new count).
 */
const MAX_RECOUNTS = 30;
const ORPHAN =
  'The comment this reply answers was erased before it had approved replies: the reply cannot be shown. Reject it instead.';

/** Where a comment's change is counted; `head` as read of a reply's parent (null: assumed shown). */
export function countTargets(
  comment: StoredComment,
  live: boolean,
  head: ThreadHead | null = null,
): CountTargets {
  return {
    articleId: comment.articleId,
    slug: comment.articleSlug,
    live,
    parent: comment.parentId ? { id: comment.parentId, head } : null,
  };
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
