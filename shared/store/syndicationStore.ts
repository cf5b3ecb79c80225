import { gunzipSync } from 'node:zlib';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ACCESS } from '../access.ts';
import type { Access } from '../schemas/facts.ts';
import { FEED_LENGTH, type FeedEntry } from '../syndication/entries.ts';
import { type MonthSitemap, NEWS_LIMIT, type NewsEntry, type SitemapEntry } from '../syndication/sitemaps.ts';
import { keys } from './keys.ts';
import { parse } from './model.ts';
import type { Item } from './parse.ts';
import { syndicationKeys } from './syndicationKeys.ts';

/**
 * The read models of feeds and sitemaps in the content table (keys.ts syndicationKeys): each read
 * is one Query. The relay writes them (SyndicationStore, ./syndicationWrites.ts); the public reads
 * bundle only this reader. A feed entry keeps the story gzipped (bodies are text: a third of the
 * bytes, so of the write units and of a feed Query's 1 MB page); a sitemap entry only what a URL
 * and its lastmod need.
 */
export class SyndicationReader {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
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
}

export function readEntry(item: Item): FeedEntry {
  const data = item.data;
  if (!(data instanceof Uint8Array)) throw new Error('A stored feed entry has no data');
  const entry = JSON.parse(gunzipSync(data).toString('utf8')) as Omit<FeedEntry, 'access'> & {
    access?: Access;
  };
  // Entries stored before access existed were of free stories.
  return { ...entry, access: entry.access ?? DEFAULT_ACCESS };
}
