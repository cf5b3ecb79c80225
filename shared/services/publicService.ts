import { NotFoundError } from '../errors.ts';
import type { PublicArticle } from '../schemas/article.ts';
import type { ThreadSort } from '../schemas/facts.ts';
import type { ArticleStore } from '../store/articleStore.ts';
import { type CommentStore, commentsOpen } from '../store/commentStore.ts';
import type { PageKey } from '../store/cursor.ts';
import { feeds } from '../store/keys.ts';

/**
 * What the public may read: live snapshots, feed summaries and approved comments of live articles.
 * An article or a list is one DynamoDB request (a GetItem or one Query); a thread is two, sent
 * together. Nothing here can reach a working copy or a comment that is not approved.
 */
export class PublicService {
  constructor(
    private readonly store: ArticleStore,
    private readonly comments: CommentStore,
  ) {}

  async getLive(slug: string): Promise<{ article: PublicArticle; etag: string }> {
    const snapshot = await this.store.getSnapshot(slug);
    if (!snapshot) throw new NotFoundError(`No published article at "${slug}".`);
    const { version, ...stored } = snapshot;
    const open = commentsOpen(stored, new Date());
    const article: PublicArticle = { ...stored, commentsOpen: open };
    // The counts and the thread's state change without a new version: part of the validator.
    const closing = stored.commentsCloseAt ? Date.parse(stored.commentsCloseAt).toString(36) : '-';
    return {
      article,
      etag: `"${version}.${stored.commentCount}.${stored.featuredCount}.${closing}.${open ? 'o' : 'c'}"`,
    };
  }

  list(
    filter: { section?: string | undefined; tag?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ) {
    return this.store.listFeed(feeds.for(filter), limit, startKey);
  }

  /**
   * A live article's approved top-level comments, oldest, newest or most replied first (each with
   * its replyCount; replies are listed under their comment). A story that is pulled takes its readers'
   * quotes of it down with it: no live snapshot, no thread (404, like the article). The liveness
   * check and the page are read concurrently, so the thread costs one round trip, not two.
   */
  thread(slug: string, sort: ThreadSort, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(slug, this.comments.listApproved(slug, sort, limit, startKey));
  }

  /** The approved replies to one top-level comment, oldest first. */
  replies(slug: string, parentId: string, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(slug, this.comments.listReplies(slug, parentId, limit, startKey));
  }

  /** The comments moderators featured, newest first. */
  featured(slug: string, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(slug, this.comments.listFeatured(slug, limit, startKey));
  }

  private async whileLive<T>(slug: string, page: Promise<T>): Promise<T> {
    const [live, found] = await Promise.all([this.store.isLive(slug), page]);
    if (!live) throw new NotFoundError(`No published article at "${slug}".`);
    return found;
  }
}
