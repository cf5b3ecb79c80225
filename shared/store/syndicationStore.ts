import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { FEED_LENGTH, type FeedEntry, feedsOfEntry } from '../syndication/entries.ts';
import {
  type MonthSitemap,
  monthOf,
  NEWS_LIMIT,
  type NewsEntry,
  type SitemapEntry,
} from '../syndication/sitemaps.ts';
import { BatchUnfinished, batchDelete, batchPut } from './batch.ts';
import { ITEM_TYPES, keys, syndicationKeys } from './keys.ts';
import { parse } from './model.ts';
import type { Item } from './parse.ts';

/**
 * The read models of feeds and sitemaps in the content table (keys.ts syndicationKeys): each read
 * is one Query, each written by the relay from a live snapshot's change (apply). A feed entry
 * keeps the story gzipped (bodies are text: a third of the bytes, so of the write units and of a
 * feed Query's 1 MB page); a sitemap entry only what a URL and its lastmod need.
 */
export class SyndicationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A feed's newest entries: one Query. */
  async feed(feed: string, limit = FEED_LENGTH): Promise<FeedEntry[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': syndicationKeys.feedPartition(feed) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(readEntry);
  }

  /** The months with live stories, newest first: one Query. */
  async months(): Promise<MonthSitemap[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': syndicationKeys.monthsPartition },
        ScanIndexForward: false,
      }),
    );
    return Items.filter((item) => Number(item.count ?? 0) > 0).map((item) => ({
      month: String(item.sk).slice('MONTH#'.length),
      lastmod: String(item.lastmod),
    }));
  }

  /**
   * One month's live stories, oldest first: one Query. A page is 1 MB, some 8,000 entries of about
   * 120 bytes: past that a month's sitemap lists its first 8,000 (see docs/feeds-and-sitemaps.md).
   */
  async month(month: string): Promise<SitemapEntry[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': syndicationKeys.sitemapPartition(month) },
      }),
    );
    return Items.map((item) => ({
      id: String(item.id),
      slug: String(item.slug),
      section: String(item.section),
      publishedAt: String(item.publishedAt),
      lastmod: String(item.lastmod),
    }));
  }

  /**
   * Stories first published at or after `since`, newest first, at most NEWS_LIMIT: one Query of
   * the all-articles list (kept with every publish, sorted by the instant of first publication).
   */
  async publishedSince(since: Date): Promise<NewsEntry[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: { ':pk': keys.feedPartition('all'), ':since': since.toISOString() },
        ScanIndexForward: false,
        Limit: NEWS_LIMIT,
      }),
    );
    return Items.map((item) => {
      const { id, slug, section, title, publishedAt } = parse.summary(item);
      return { id, slug, section, title, publishedAt };
    });
  }

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

function readEntry(item: Item): FeedEntry {
  const data = item.data;
  if (!(data instanceof Uint8Array)) throw new Error('A stored feed entry has no data');
  return JSON.parse(gunzipSync(data).toString('utf8')) as FeedEntry;
}
