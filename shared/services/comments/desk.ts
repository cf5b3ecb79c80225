import { NotFoundError } from '../../errors.ts';
import { ULID_PATTERN } from '../../schemas/facts.ts';
import type { CommentStore } from '../../store/commentStore.ts';
import { DeskReads } from '../../store/comments/deskReads.ts';
import type { PageKey } from '../../store/cursor.ts';

/** The moderators' desk beside the queue: the queues' counts and a commenter's history. */
export class DeskService {
  private readonly reads: DeskReads;

  constructor(private readonly comments: CommentStore) {
    this.reads = new DeskReads(comments);
  }

  /** Three Queries (see DeskReads.counts). */
  counts(articleId: string | undefined) {
    return this.reads.counts(articleId);
  }

  /**
   * What a comment's writer posted before it, newest first, each with its moderation log. Three
   * requests a page: the comment (who wrote it), then DeskReads.history's two.
   */
  async history(id: string, limit: number, startKey: PageKey | undefined) {
    const comment = ULID_PATTERN.test(id) ? await this.comments.get(id) : null;
    if (!comment) throw new NotFoundError(`No comment with id ${id}.`);
    return this.reads.history(comment, limit, startKey);
  }
}
