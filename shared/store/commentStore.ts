import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentSettings } from '../schemas/comment.ts';
import { commentKeys } from './commentKeys.ts';
import type { StoredComment } from './commentModel.ts';
import type { ThreadHead } from './comments/counts.ts';
import { parse } from './model.ts';
import { getItem } from './query.ts';

export type { StoredComment } from './commentModel.ts';

/** How long a container trusts comment settings it read: a change made elsewhere applies within this. */
export const SETTINGS_CACHE_MS = 30_000;

/** Settings as last read or written in this container, per table. */
const settingsCache = new Map<string, { settings: CommentSettings | null; readAt: number }>();

/**
 * The comments table, as every comment store shares it (shared/store/comments/: thread reads,
 * writes, reports, commenters, the desk's reads), and its single items: a comment, a thread's
 * head, the moderation settings. The content table's name is for the writes whose counts and
 * checks travel there (articleCommentWrites.ts).
 */
export class CommentStore {
  constructor(
    /** Shared with the stores of shared/store/comments/ on the same tables. */
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly contentTableName: string,
  ) {}

  async get(id: string): Promise<StoredComment | null> {
    const item = await getItem(this.db, this.tableName, commentKeys.comment(id), true);
    return item ? parse.comment(item) : null;
  }

  /**
   * The moderation settings. With `maxAgeMs`, a copy this container read or wrote at most that
   * long ago will do (comment submission: one request fewer per comment); without, a fresh
   * strongly consistent read (the settings screen).
   */
  async getSettings(maxAgeMs = 0): Promise<CommentSettings | null> {
    const cached = settingsCache.get(this.tableName);
    if (cached && performance.now() - cached.readAt < maxAgeMs) return cached.settings;
    const item = await getItem(this.db, this.tableName, commentKeys.settings, true);
    const settings = item ? parse.commentSettings(item) : null;
    settingsCache.set(this.tableName, { settings, readAt: performance.now() });
    return settings;
  }

  async putSettings(settings: CommentSettings, actor: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...commentKeys.settings, ...settings, updatedBy: actor, updatedAt: at },
      }),
    );
    // This container applies its own change at once; others within SETTINGS_CACHE_MS.
    settingsCache.set(this.tableName, { settings, readAt: performance.now() });
  }

  /**
   * A reply's top-level comment and its tombstone, read together (one strongly consistent Query:
   * their sort keys are adjacent), to count the reply on whichever shows it.
   */
  async head(id: string): Promise<ThreadHead> {
    const { pk } = commentKeys.comment(id);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :comment AND :tombstone',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':comment': commentKeys.comment(id).sk,
          ':tombstone': commentKeys.tombstone(id).sk,
        },
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const comment = items.find((i) => i.sk === commentKeys.comment(id).sk);
    const tombstone = items.find((i) => i.sk === commentKeys.tombstone(id).sk);
    return {
      comment: comment ? parse.comment(comment) : null,
      tombstone: tombstone ? { replyCount: Number(tombstone.replyCount ?? 0) } : null,
    };
  }
}
