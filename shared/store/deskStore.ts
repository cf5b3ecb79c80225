import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ArticleStatus } from '../schemas/article.ts';
import { ITEM_TYPES, keys } from './keys.ts';

/** One person's autosaved edits of one article (keys.autosave). */
export interface StoredAutosave {
  articleId: string;
  sub: string;
  baseVersion: number;
  content: string;
  savedAt: string;
  /** Epoch seconds; also the item's TTL. */
  expiresAt: number;
}

/** One open editor's last heartbeat (keys.presence). */
export interface StoredPresence {
  articleId: string;
  sub: string;
  unsaved: boolean;
  seenAt: string;
  /** Epoch seconds; also the item's TTL. */
  expiresAt: number;
}

/** The two facts the desk's permission checks need of a working copy. */
export interface ArticleAccess {
  createdBy: string;
  status: ArticleStatus;
}

/**
 * The desk's items in the article's partition: autosaves and presence heartbeats. Every read
 * treats an item past its expiresAt as absent, because DynamoDB's TTL deletes lazily (up to days
 * late). Every request is a single-item operation or one Query of one prefix.
 */
export class DeskStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The working copy's owner and status only, eventually consistent: one small GetItem instead of
   * the head and its newest revision, for a check made every heartbeat and every autosave.
   */
  async articleAccess(articleId: string): Promise<ArticleAccess | null> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.working(articleId),
        ProjectionExpression: 'createdBy, #status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    if (!Item) return null;
    return { createdBy: String(Item.createdBy), status: Item.status as ArticleStatus };
  }

  async putAutosave(autosave: StoredAutosave): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.autosave(autosave.articleId, autosave.sub), type: ITEM_TYPES.autosave, ...autosave },
      }),
    );
  }

  /** The caller's own autosave only: the key holds their sub, so no one else's can be read. */
  async getAutosave(articleId: string, sub: string, nowEpoch: number): Promise<StoredAutosave | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.autosave(articleId, sub), ConsistentRead: true }),
    );
    if (!Item || Number(Item.expiresAt) <= nowEpoch) return null;
    return {
      articleId: String(Item.articleId),
      sub: String(Item.sub),
      baseVersion: Number(Item.baseVersion),
      content: String(Item.content),
      savedAt: String(Item.savedAt),
      expiresAt: Number(Item.expiresAt),
    };
  }

  /** Idempotent: deleting an autosave that is not there is no error. */
  async deleteAutosave(articleId: string, sub: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.autosave(articleId, sub) }));
  }

  async putPresence(presence: StoredPresence): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.presence(presence.articleId, presence.sub), type: ITEM_TYPES.presence, ...presence },
      }),
    );
  }

  /**
   * Everyone whose heartbeat still counts, by sub. One Query of the presence prefix: a handful of
   * small items (an article is open in a few tabs at most), so one page.
   */
  async listPresence(articleId: string, nowEpoch: number): Promise<StoredPresence[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.articlePartition(articleId),
          ':prefix': keys.presencePrefix,
        },
        ProjectionExpression: 'articleId, #sub, unsaved, seenAt, expiresAt',
        ExpressionAttributeNames: { '#sub': 'sub' },
      }),
    );
    return Items.map(
      (item): StoredPresence => ({
        articleId: String(item.articleId),
        sub: String(item.sub),
        unsaved: item.unsaved === true,
        seenAt: String(item.seenAt),
        expiresAt: Number(item.expiresAt),
      }),
    )
      .filter((p) => p.expiresAt > nowEpoch)
      .sort((a, b) => a.sub.localeCompare(b.sub));
  }

  async deletePresence(articleId: string, sub: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.presence(articleId, sub) }));
  }
}
