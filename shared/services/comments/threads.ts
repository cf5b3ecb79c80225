import type { Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { HistoryEntry } from '../../schemas/articleHistory.ts';
import type { ThreadStateInput } from '../../schemas/comment.ts';
import { commentsOpen } from '../../store/articleCommentWrites.ts';
import type { ArticleStore } from '../../store/articleStore.ts';
import { CommentWriteRefused, type CommentWrites } from '../../store/comments/commentWrites.ts';
import { liveSlugOf } from '../articles/slugMoves.ts';

export interface ThreadDeps {
  writes: CommentWrites;
  articles: ArticleStore;
  clock: Clock;
  newId: IdFactory;
}

export interface ThreadStatus {
  articleId: string;
  commentsOpen: boolean;
  commentsCloseAt: string | null;
}

/**
 * Opening and closing an article's comments by hand. One field says when they close
 * (`commentsCloseAt`): first publication stamps it from the closeAfterDays setting, close sets it
 * to now, reopen to a later time or to none. It lives on the working copy and the live snapshot,
 * written together; submission checks it on the snapshot in its own transaction, so a comment
 * cannot land after the close commits. The thread stays readable either way.
 */
export function createThreads({ writes, articles, clock, newId }: ThreadDeps) {
  return {
    async setThreadState(
      principal: Principal,
      articleId: string,
      input: ThreadStateInput,
    ): Promise<ThreadStatus> {
      const now = clock.now();
      if (input.action === 'close' && input.closeAt) {
        throw new ValidationError('close takes effect now; closeAt goes with reopen.', [
          { path: 'closeAt', message: 'only with reopen' },
        ]);
      }
      if (input.closeAt && Date.parse(input.closeAt) <= now.getTime()) {
        throw new ValidationError('Comments cannot be reopened until a time that has passed.', [
          { path: 'closeAt', message: 'must be in the future' },
        ]);
      }
      const closeAt =
        input.action === 'close'
          ? now.toISOString()
          : input.closeAt
            ? new Date(input.closeAt).toISOString()
            : null;
      let article = await articles.get(articleId);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        // An article never published has no thread yet. Answered exactly as an id that names
        // nothing: moderators cannot read drafts, so this route must not tell them which exist.
        if (!article?.everLive) throw new NotFoundError(noThread(articleId));
        try {
          // In the article's history, in the same write: who, when, which way, why.
          const entry: HistoryEntry = {
            at: now.toISOString(),
            actor: principal.sub,
            action: input.action === 'close' ? 'comments-closed' : 'comments-reopened',
            from: null,
            to: null,
            version: article.version,
            ...(input.reason ? { note: input.reason } : {}),
            ...(input.action === 'reopen' && closeAt ? { commentsCloseAt: closeAt } : {}),
          };
          await writes.setCloseAt(
            { articleId, slug: liveSlugOf(article) ?? article.slug, live: article.live },
            closeAt,
            {
              entry,
              unique: newId(now),
            },
          );
          return {
            articleId,
            commentsOpen: commentsOpen(
              { commentsEnabled: article.commentsEnabled, commentsCloseAt: closeAt },
              now,
            ),
            commentsCloseAt: closeAt,
          };
        } catch (error) {
          if (!(error instanceof CommentWriteRefused)) throw error;
          // Published or unpublished meanwhile: read again.
          article = await articles.get(articleId);
        }
      }
      throw new ConflictError('The article kept changing while its comments were being closed; try again.');
    },
  };
}

const noThread = (articleId: string) =>
  `No published article with id ${articleId}: its comments open when it is.`;
