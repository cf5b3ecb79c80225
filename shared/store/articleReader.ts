import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { AuthorStore } from './authorStore.ts';
import { keys } from './keys.ts';
import { MediaStore } from './mediaStore.ts';
import { parse, type StoredArticle, type StoredSnapshot } from './model.ts';
import { PreviewLinkStore } from './previewLinkStore.ts';
import { getItem } from './query.ts';
import { isSlugRedirect } from './slugRedirects.ts';
import { TaxonomyStore } from './taxonomyStore.ts';
import { readWorkingCopy } from './workingCopy.ts';

/**
 * The content table, read only: working copies, live snapshots and the media records. What the
 * functions that never write an article hold (preview, media processing); they have no comments
 * table, so they cannot build an ArticleStore.
 */
export class ArticleReader {
  /** The media library shares the content table: articles check and resolve images through it. */
  readonly media: MediaStore;
  /** Preview links live in the article's partition: the preview function checks them here. */
  readonly previewLinks: PreviewLinkStore;
  /** Author records share the content table: articles check and resolve their authors through it. */
  readonly authors: AuthorStore;
  /** Sections and tags share the content table: a new story takes its section's default access. */
  readonly taxonomy: TaxonomyStore;

  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {
    this.media = new MediaStore(db, tableName);
    this.previewLinks = new PreviewLinkStore(db, tableName);
    this.authors = new AuthorStore(db, tableName);
    this.taxonomy = new TaxonomyStore(db, tableName);
  }

  async get(id: string): Promise<StoredArticle | null> {
    return readWorkingCopy(this.db, this.tableName, id);
  }

  async getSnapshot(slug: string, consistent = false): Promise<StoredSnapshot | null> {
    const found = await this.getLiveOrMoved(slug, consistent);
    return found && 'snapshot' in found ? found.snapshot : null;
  }

  /** The one GetItem of a public read: the snapshot, or where an earlier slug now points. */
  async getLiveOrMoved(
    slug: string,
    consistent = false,
  ): Promise<{ snapshot: StoredSnapshot } | { movedTo: string } | null> {
    const item = await getItem(this.db, this.tableName, keys.liveSnapshot(slug), consistent);
    if (!item) return null;
    if (isSlugRedirect(item)) return { movedTo: String(item.redirectTo) };
    return { snapshot: parse.snapshot(item) };
  }

  /**
   * Whether a live snapshot exists (true), or the slug redirects (its target). Only the key and
   * the target come back: the body is not sent or parsed.
   */
  async isLive(slug: string): Promise<boolean | { movedTo: string }> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.liveSnapshot(slug),
        ProjectionExpression: 'pk, redirectTo',
      }),
    );
    if (Item === undefined) return false;
    return typeof Item.redirectTo === 'string' ? { movedTo: Item.redirectTo } : true;
  }
}
