import { NotFoundError } from '../errors.ts';
import type { PublicArticle } from '../schemas/article.ts';
import type { ArticleStore } from '../store/articleStore.ts';
import type { CommentStore } from '../store/commentStore.ts';
import type { PageKey } from '../store/cursor.ts';
import { feeds } from '../store/keys.ts';

/**
 * What the public may read: live snapshots, feed summaries and approved comments. Each call is
 * exactly one DynamoDB request (a GetItem or one Query), and nothing here can reach a working copy
 * or a comment that is not approved.
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

  /** An article's approved comments, oldest first. An unknown slug simply has none. */
  thread(slug: string, limit: number, startKey: PageKey | undefined) {
    return this.comments.listApproved(slug, limit, startKey);
  }
}
