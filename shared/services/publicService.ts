import { NotFoundError } from '../errors.ts';
import type { PublicArticle } from '../schemas/article.ts';
import type { ArticleStore } from '../store/articleStore.ts';
import type { CommentStore } from '../store/commentStore.ts';
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
    const { version, ...article } = snapshot;
    // The count changes without a new version, so it is part of the validator.
    return { article, etag: `"${version}.${article.commentCount}"` };
  }

  list(
    filter: { section?: string | undefined; tag?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ) {
    return this.store.listFeed(feeds.for(filter), limit, startKey);
  }

  /**
   * A live article's approved comments, oldest first. A story that is pulled takes its readers'
   * quotes of it down with it: no live snapshot, no thread (404, like the article). The liveness
   * check and the page are read concurrently, so the thread costs one round trip, not two.
   */
  async thread(slug: string, limit: number, startKey: PageKey | undefined) {
    const [live, page] = await Promise.all([
      this.store.isLive(slug),
      this.comments.listApproved(slug, limit, startKey),
    ]);
    if (!live) throw new NotFoundError(`No published article at "${slug}".`);
    return page;
  }
}
