import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchDelete } from './batch.ts';
import { ITEM_TYPES, keys } from './keys.ts';
import { queryAll } from './query.ts';

/** A preview link as stored: the token is signed from these, never stored itself. */
export interface StoredPreviewLink {
  articleId: string;
  linkId: string;
  /** Epoch seconds; also the item's TTL, so an expired link's item goes by itself. */
  expiresAt: number;
  createdAt: string;
  createdBy: string;
}

/**
 * The links that may still open a working copy. A signed token alone proves who issued it and
 * until when; its item says it was not revoked since (by an editor, or by the article's takedown).
 */
export class PreviewLinkStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The previewUrl setting (null: none set), read strongly: an admin's change applies at once. */
  async getPreviewUrl(): Promise<string | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.previewSettings, ConsistentRead: true }),
    );
    return typeof Item?.previewUrl === 'string' ? Item.previewUrl : null;
  }

  async putPreviewUrl(previewUrl: string | null, actor: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.previewSettings,
          type: ITEM_TYPES.previewSettings,
          previewUrl,
          updatedBy: actor,
          updatedAt: at,
        },
      }),
    );
  }

  async put(link: StoredPreviewLink): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.previewLink(link.articleId, link.linkId), type: ITEM_TYPES.previewLink, ...link },
      }),
    );
  }

  /** Whether the link was issued and not revoked (expiry is the token's to tell). */
  async isLive(articleId: string, linkId: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.previewLink(articleId, linkId),
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  /** Every link item of the article (one partition, the link prefix), optionally only some attributes. */
  private linksOf(articleId: string, projection?: string) {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.articlePartition(articleId),
        ':prefix': keys.previewLinkPrefix,
      },
      ...(projection ? { ProjectionExpression: projection } : {}),
    });
  }

  /** The article's links not yet expired, soonest to expire last (TTL deletes lag by hours). */
  async list(articleId: string, nowEpoch: number): Promise<StoredPreviewLink[]> {
    const items = await this.linksOf(articleId);
    return items
      .map(
        (item): StoredPreviewLink => ({
          articleId: String(item.articleId),
          linkId: String(item.linkId),
          expiresAt: Number(item.expiresAt),
          createdAt: String(item.createdAt),
          createdBy: String(item.createdBy),
        }),
      )
      .filter((link) => link.expiresAt > nowEpoch)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Revokes one link; false when there was none to revoke. */
  async revoke(articleId: string, linkId: string): Promise<boolean> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.previewLink(articleId, linkId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Revokes every link of the article (its takedown). Returns how many it could not delete. */
  async revokeAll(articleId: string): Promise<number> {
    const items = await this.linksOf(articleId, 'pk, sk');
    const left = items.length > 0 ? await batchDelete(this.db, this.tableName, items) : [];
    return left.length;
  }
}
