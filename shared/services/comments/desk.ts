import { NotFoundError } from '../../errors.ts';
import { type CommentStatus, ULID_PATTERN } from '../../schemas/facts.ts';
import type { CommentStore } from '../../store/commentStore.ts';
import { DeskReads } from '../../store/comments/deskReads.ts';
import type { PageKey } from '../../store/cursor.ts';

/** The moderators' desk: the queues, how many wait in each, and a commenter's history. */
export function createModeratorDesk({ comments }: { comments: CommentStore }) {
  const reads = new DeskReads(comments);
  return {
    /** A queue's page: one status (pending oldest first, decided newest first), optionally of one article. */
    queue(
      filter: { status: CommentStatus; articleId?: string | undefined },
      limit: number,
      startKey: PageKey | undefined,
    ) {
      return reads.queue(filter, limit, startKey);
    },

    /** Three Queries (see DeskReads.counts). */
    queueCounts(articleId: string | undefined) {
      return reads.counts(articleId);
    },

    /**
     * What a comment's writer posted before it, newest first, each with its moderation log. Three
     * requests a page: the comment (who wrote it), then DeskReads.history's two.
     */
    async commenterHistory(id: string, limit: number, startKey: PageKey | undefined) {
      const comment = ULID_PATTERN.test(id) ? await comments.get(id) : null;
      if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
      return reads.history(comment, limit, startKey);
    },
  };
}
