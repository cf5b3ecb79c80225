import { createHash } from 'node:crypto';
import type { Clock, IdFactory } from '../../clock.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../../errors.ts';
import type { CommentSubmit } from '../../schemas/comment.ts';
import { COMMENT_LIMITS } from '../../schemas/facts.ts';
import { commentsOpen } from '../../store/articleCommentWrites.ts';
import type { ArticleStore } from '../../store/articleStore.ts';
import { type CommentStore, SETTINGS_CACHE_MS, type StoredComment } from '../../store/commentStore.ts';
import { CommenterStore } from '../../store/comments/commenterStore.ts';
import { CommentWriteRefused, type CommentWrites } from '../../store/comments/commentWrites.ts';
import { readForSubmission } from '../../store/comments/submissionReads.ts';
import { banMessage } from './bans.ts';
import { type ClientInfo, commenterOf } from './identity.ts';
import { assess, isTrusted } from './policy.ts';
import { DEFAULT_COMMENT_SETTINGS } from './settings.ts';

/** How long an identical comment from the same client counts as a duplicate. */
const DUPLICATE_WINDOW_SECONDS = 24 * 60 * 60;

const CLOSED = 'Comments are closed on this article.';

export interface SubmissionDeps {
  comments: CommentStore;
  writes: CommentWrites;
  articles: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  /** Keys the client fingerprint, so a stored hash cannot be reversed to an IP by guessing. */
  fingerprintSecret: string;
}

/** A reader posts a comment: the moderation rules decide where it goes; bans and closing refuse it. */
export function createSubmission(deps: SubmissionDeps) {
  const { comments, writes, articles, clock, fingerprintSecret } = deps;
  const commenters = new CommenterStore(comments);
  return {
    async submit(
      slug: string,
      input: CommentSubmit,
      client: ClientInfo,
    ): Promise<{ id: string; status: 'pending' | 'approved' }> {
      // Two requests, a reply included: one BatchGetItem over both tables (the live snapshot, the
      // parent, the commenter's ban markers and trust) and the transaction. The snapshot is read
      // eventually consistent: the transaction checks again that it exists with comments enabled
      // (or the thread's state item, which follows it), so a stale answer can only turn into a 404
      // at commit, never a comment on a dark article.
      // Settings come from this container's copy, at most SETTINGS_CACHE_MS old.
      const now = clock.now();
      const nowEpoch = Math.floor(now.getTime() / 1000);
      const who = commenterOf(fingerprintSecret, client, input.authorEmail);
      const { fingerprint } = who;
      const hashedEmail = who.emailHashes[0];
      const [reads, cachedSettings] = await Promise.all([
        readForSubmission(comments, commenters, { slug, parentId: input.parentId, who }, now),
        comments.getSettings(SETTINGS_CACHE_MS),
      ]);
      const { snapshot: article, parent, standing } = reads;
      if (!article) throw new NotFoundError(`No published article at "${slug}".`);
      if (!commentsOpen(article, now)) throw new ForbiddenError(CLOSED);
      const settings = cachedSettings ?? DEFAULT_COMMENT_SETTINGS;

      // Threads are one level deep: a reply to a reply joins the top-level comment it answers.
      let parentId: string | null = null;
      if (input.parentId) {
        if (!parent || parent.articleId !== article.id || parent.status !== 'approved') throw notAReply();
        parentId = parent.parentId ?? parent.id;
      }

      // Who is posting: a ban refuses them; enough approved comments and no spam trust them.
      if (standing.ban) throw new ForbiddenError(banMessage(standing.ban));
      const { status, flags } = assess(input, settings, isTrusted(standing, settings));
      const comment: StoredComment = {
        id: deps.newId(now),
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
        await writes.create(comment, {
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
        if (refusal.kind === 'parentGone') throw notAReply();
        // Unpublished or closed while we were checking: say which.
        const later = clock.now();
        const current = await articles.getSnapshot(slug, true);
        if (current && !commentsOpen(current, later)) throw new ForbiddenError(CLOSED);
        throw new NotFoundError(`No published article at "${slug}" that takes comments.`);
      }
      // A spam verdict is never revealed to the submitter.
      return { id: comment.id, status: status === 'approved' ? 'approved' : 'pending' };
    },
  };
}

function notAReply(): ValidationError {
  const message = 'is not a published comment on this article';
  return new ValidationError(`The reply cannot be posted: ${message}.`, [{ path: 'parentId', message }]);
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
