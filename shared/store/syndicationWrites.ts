import { gzipSync } from 'node:zlib';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type FeedEntry, feedsOfEntry } from '../syndication/entries.ts';
import { monthOf } from '../syndication/sitemaps.ts';
import { BatchUnfinished, batchDelete, batchPut } from './batch.ts';
import { ITEM_TYPES } from './keys.ts';
import { syndicationKeys } from './syndicationKeys.ts';
import { SyndicationReader } from './syndicationStore.ts';

/** Feeds and sitemaps as the relay keeps them: the reads, and bringing them in step with a story. */
export class SyndicationStore extends SyndicationReader {
  /**
   * Brings the read models from `before` (what the story was, null if it was not live) to `after`
   * (null: it is not live any more). Idempotent, so a stream record retried is safe: puts replace,
   * deletes of what is gone do nothing, and a month's count moves only when its entry really
   * appeared or went (the put and delete say what they replaced).
   */
  async apply(before: FeedEntry | null, after: FeedEntry | null, at: string): Promise<void> {
    const feedKey = (feed: string, e: FeedEntry) => syndicationKeys.feedEntry(feed, e.publishedAt, e.id);
    const kept = new Set(after ? feedsOfEntry(after).map((f) => keyString(feedKey(f, after))) : []);
    if (after) {
      const data = gzipSync(JSON.stringify(after));
      await batchPut(
        this.db,
        this.tableName,
        feedsOfEntry(after).map((feed) => ({
          ...feedKey(feed, after),
          type: ITEM_TYPES.feedEntry,
          id: after.id,
          data,
        })),
      );
    }
    if (before) {
      const stale = feedsOfEntry(before)
        .map((feed) => feedKey(feed, before))
        .filter((key) => !kept.has(keyString(key)));
      const left = await batchDelete(this.db, this.tableName, stale);
      if (left.length > 0) throw new BatchUnfinished(left.length, 'undeleted');
    }
    await this.applySitemap(before, after, at);
  }

  private async applySitemap(before: FeedEntry | null, after: FeedEntry | null, at: string) {
    const keyOf = (e: FeedEntry) => syndicationKeys.sitemapEntry(monthOf(e.publishedAt), e.publishedAt, e.id);
    const afterKey = after ? keyOf(after) : null;
    if (after && afterKey) {
      const { Attributes } = await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...afterKey,
            type: ITEM_TYPES.sitemapEntry,
            id: after.id,
            slug: after.slug,
            section: after.section,
            publishedAt: after.publishedAt,
            lastmod: after.updatedAt,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      await this.countMonth(monthOf(after.publishedAt), Attributes ? 0 : 1, at);
    }
    if (before) {
      const beforeKey = keyOf(before);
      if (afterKey && keyString(afterKey) === keyString(beforeKey)) return;
      const { Attributes } = await this.db.send(
        new DeleteCommand({ TableName: this.tableName, Key: beforeKey, ReturnValues: 'ALL_OLD' }),
      );
      await this.countMonth(monthOf(before.publishedAt), Attributes ? -1 : 0, at);
    }
  }

  private async countMonth(month: string, delta: number, at: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: syndicationKeys.month(month),
        UpdateExpression: 'SET #type = :type, lastmod = :at ADD #count :delta',
        ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
        ExpressionAttributeValues: { ':type': ITEM_TYPES.sitemapMonth, ':at': at, ':delta': delta },
      }),
    );
  }
}

const keyString = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
