import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import type {
  Article,
  ArticleContent,
  ArticleStatus,
  HistoryEntry,
  PublicArticle,
  PublicArticleSummary,
  Revision,
} from '../schemas/article.ts';
import type { PageKey } from './cursor.ts';
import { feeds, keys } from './keys.ts';
import { cancellationReasons } from './transactions.ts';
import { setAll } from './update.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, NativeAttributeValue>;

/** The working copy plus the bookkeeping the service needs but the API does not show. */
export interface StoredArticle extends Article {
  /** Number of the newest revision; the next one is revisionCount + 1. */
  revisionCount: number;
  /** Has ever had a live snapshot: the slug is frozen and the article can no longer be deleted. */
  everLive: boolean;
}

/** The live snapshot as stored: the public fields plus what publishing needs to replace it. */
export interface StoredSnapshot extends PublicArticle {
  version: number;
}

export interface Page<T> {
  items: T[];
  lastKey: PageKey | undefined;
}

/** Everything one article write changes, committed as one TransactWriteItems. */
export interface ArticleWrite {
  article: StoredArticle;
  /** The version the caller read; null when creating. A mismatch is a 412. */
  expectedVersion: number | null;
  audit: HistoryEntry;
  revision?: Revision;
  claimSlug?: string;
  releaseSlug?: string;
  /** Publish: put this snapshot and its feed entries, removing entries it no longer belongs to. */
  goLive?: { snapshot: StoredSnapshot; previous: StoredSnapshot | null };
  /** Unpublish: remove this snapshot and its feed entries. */
  goDark?: { previous: StoredSnapshot };
}

export type WorkingListIndex = 'byUpdated' | 'byStatus' | 'byAuthor' | 'bySection';

export interface WorkingListQuery {
  index: WorkingListIndex;
  partition: string;
  /** Remaining filters, applied to the index's results. */
  filters: { status?: ArticleStatus; section?: string; createdBy?: string };
  limit: number;
  startKey: PageKey | undefined;
}

const WORKING_FIELDS = [
  'id',
  'slug',
  'status',
  'version',
  'section',
  'title',
  'standfirst',
  'body',
  'tags',
  'byline',
  'source',
  'commentsEnabled',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'publishedAt',
  'scheduledFor',
  'unpublishAt',
  'live',
  'hasUnpublishedChanges',
  'revisionCount',
  'everLive',
] as const satisfies readonly Exclude<keyof StoredArticle, 'commentCount'>[];

const INDEX_PARTITION: Record<WorkingListIndex, string> = {
  byUpdated: 'gsiAll',
  byStatus: 'gsiStatus',
  byAuthor: 'gsiAuthor',
  bySection: 'gsiSection',
};

const summaryOf = (s: StoredSnapshot): PublicArticleSummary => ({
  id: s.id,
  slug: s.slug,
  section: s.section,
  title: s.title,
  standfirst: s.standfirst,
  tags: s.tags,
  byline: s.byline,
  publishedAt: s.publishedAt,
  updatedAt: s.updatedAt,
});

export class ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<StoredArticle | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.working(id), ConsistentRead: true }),
    );
    return Item ? toStoredArticle(Item) : null;
  }

  async getSnapshot(slug: string, consistent = false): Promise<StoredSnapshot | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.liveSnapshot(slug), ConsistentRead: consistent }),
    );
    return Item ? toSnapshot(Item) : null;
  }

  async slugOwner(slug: string): Promise<string | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.slugClaim(slug), ConsistentRead: true }),
    );
    return typeof Item?.articleId === 'string' ? Item.articleId : null;
  }

  async commit(write: ArticleWrite): Promise<void> {
    const items: TransactItem[] = [];
    const { article } = write;
    const working = setAll(
      {
        ...pick(article, WORKING_FIELDS),
        type: 'article',
        gsiAll: 'ARTICLE',
        gsiStatus: article.status,
        gsiAuthor: article.createdBy,
        gsiSection: article.section,
        // Sparse: only articles with a pending unpublish are in the byUnpublishAt index. Index keys
        // must be strings or absent (never NULL), so an unset time removes them.
        gsiUnpublish: article.unpublishAt ? 'DUE' : undefined,
        gsiUnpublishAt: article.unpublishAt ?? undefined,
      },
      { setIfMissing: { commentCount: article.commentCount } },
    );
    items.push({
      Update: {
        TableName: this.tableName,
        Key: keys.working(article.id),
        ...working,
        ConditionExpression:
          write.expectedVersion === null ? 'attribute_not_exists(pk)' : '#version = :expectedVersion',
        ...(write.expectedVersion === null
          ? {}
          : {
              ExpressionAttributeNames: { ...working.ExpressionAttributeNames, '#version': 'version' },
              ExpressionAttributeValues: {
                ...working.ExpressionAttributeValues,
                ':expectedVersion': write.expectedVersion,
              },
            }),
      },
    });
    items.push(
      this.putNew({ ...keys.audit(article.id, write.audit.version), type: 'audit', ...write.audit }),
    );
    if (write.revision) {
      items.push(
        this.putNew({ ...keys.revision(article.id, write.revision.n), type: 'revision', ...write.revision }),
      );
    }
    let claimIndex = -1;
    if (write.claimSlug) {
      claimIndex = items.length;
      items.push(
        this.putNew({ ...keys.slugClaim(write.claimSlug), type: 'slugClaim', articleId: article.id }),
      );
    }
    if (write.releaseSlug) {
      items.push({
        Delete: {
          TableName: this.tableName,
          Key: keys.slugClaim(write.releaseSlug),
          ConditionExpression: 'articleId = :id',
          ExpressionAttributeValues: { ':id': article.id },
        },
      });
    }
    if (write.goLive) items.push(...this.goLiveItems(write.goLive.snapshot, write.goLive.previous));
    if (write.goDark) items.push(...this.goDarkItems(write.goDark.previous));

    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (claimIndex >= 0 && reasons[claimIndex]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`The slug "${write.claimSlug}" is already used by another article.`);
      }
      // The working copy moved under us (condition failed or a concurrent transaction won).
      throw new PreconditionFailedError(
        'The article was changed by someone else since you read it. Fetch it again and retry with the new ETag.',
      );
    }
  }

  private goLiveItems(snapshot: StoredSnapshot, previous: StoredSnapshot | null): TransactItem[] {
    const items: TransactItem[] = [];
    const { commentCount, ...owned } = snapshot;
    items.push({
      Update: {
        TableName: this.tableName,
        Key: keys.liveSnapshot(snapshot.slug),
        ...setAll({ ...owned, type: 'snapshot', articleId: snapshot.id }, { setIfMissing: { commentCount } }),
      },
    });
    const next = new Set(feeds.of(snapshot));
    const summary = summaryOf(snapshot);
    for (const feed of next) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.feedEntry(feed, snapshot.publishedAt, snapshot.id), type: 'feed', ...summary },
        },
      });
    }
    if (previous) {
      for (const feed of feeds.of(previous)) {
        if (next.has(feed) && previous.publishedAt === snapshot.publishedAt) continue;
        items.push({
          Delete: { TableName: this.tableName, Key: keys.feedEntry(feed, previous.publishedAt, previous.id) },
        });
      }
    }
    return items;
  }

  private goDarkItems(previous: StoredSnapshot): TransactItem[] {
    return [
      { Delete: { TableName: this.tableName, Key: keys.liveSnapshot(previous.slug) } },
      ...feeds.of(previous).map((feed) => ({
        Delete: { TableName: this.tableName, Key: keys.feedEntry(feed, previous.publishedAt, previous.id) },
      })),
    ];
  }

  private putNew(item: Item): TransactItem {
    return {
      Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    };
  }

  /**
   * Deletes a never-live article. The working copy and slug claim go in one conditional
   * transaction (so a concurrent publish or edit wins with a 412); revisions and audit entries,
   * unreachable once the working copy is gone, are then removed in batches.
   */
  async deleteNeverLive(article: StoredArticle, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.working(article.id),
                ConditionExpression: '#version = :v AND everLive = :false',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':v': expectedVersion, ':false': false },
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.slugClaim(article.slug),
                ConditionExpression: 'articleId = :id',
                ExpressionAttributeValues: { ':id': article.id },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!cancellationReasons(error)) throw error;
      throw new PreconditionFailedError('The article was changed by someone else since you read it.');
    }
    let startKey: PageKey | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.articlePartition(article.id) },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      const itemKeys = (page.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk }));
      for (let i = 0; i < itemKeys.length; i += 25) {
        await this.batchDelete(itemKeys.slice(i, i + 25));
      }
      startKey = page.LastEvaluatedKey as PageKey | undefined;
    } while (startKey);
  }

  private async batchDelete(itemKeys: Item[]): Promise<void> {
    let pending = itemKeys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0 && attempt < 8; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
    }
  }

  /** Every scheduled article whose time has come: the local scheduler's poll. */
  async dueScheduled(nowIso: string): Promise<StoredArticle[]> {
    const due: StoredArticle[] = [];
    let startKey: PageKey | undefined;
    do {
      const page = await this.listWorking({
        index: 'byStatus',
        partition: 'scheduled',
        filters: {},
        limit: 100,
        startKey,
      });
      due.push(...page.items.filter((a) => a.scheduledFor !== null && a.scheduledFor <= nowIso));
      startKey = page.lastKey;
    } while (startKey);
    return due;
  }

  /** Every live article whose automatic unpublish has come due. */
  async dueUnpublish(nowIso: string): Promise<{ id: string; slug: string; unpublishAt: string }[]> {
    const due: { id: string; slug: string; unpublishAt: string }[] = [];
    let startKey: PageKey | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byUnpublishAt',
          KeyConditionExpression: 'gsiUnpublish = :due AND gsiUnpublishAt <= :now',
          ExpressionAttributeValues: { ':due': 'DUE', ':now': nowIso },
          ExclusiveStartKey: startKey,
        }),
      );
      due.push(...(page.Items ?? []).map((i) => ({ id: i.id, slug: i.slug, unpublishAt: i.gsiUnpublishAt })));
      startKey = page.LastEvaluatedKey as PageKey | undefined;
    } while (startKey);
    return due;
  }

  /** One page of working copies, most recently updated first. */
  async listWorking(query: WorkingListQuery): Promise<Page<StoredArticle>> {
    const filterParts: string[] = [];
    const names: Record<string, string> = { '#p': INDEX_PARTITION[query.index] };
    const values: Record<string, unknown> = { ':p': query.partition };
    for (const [field, value] of Object.entries(query.filters)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      filterParts.push(`#${field} = :${field}`);
    }
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: query.index,
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      ...(filterParts.length ? { FilterExpression: filterParts.join(' AND ') } : {}),
    };
    // With a filter, DynamoDB may return short pages; keep reading until the page is full or the
    // index is exhausted, so clients never see an empty page followed by more results.
    const items: StoredArticle[] = [];
    let startKey = query.startKey;
    do {
      const result = await this.db.send(
        new QueryCommand({ ...input, Limit: query.limit - items.length, ExclusiveStartKey: startKey }),
      );
      items.push(...(result.Items ?? []).map(toStoredArticle));
      startKey = result.LastEvaluatedKey as PageKey | undefined;
    } while (startKey && items.length < query.limit);
    return { items, lastKey: startKey };
  }

  async listRevisions(id: string, limit: number, startKey: PageKey | undefined): Promise<Page<Revision>> {
    return this.queryPrefix(id, keys.revisionPrefix, limit, startKey, toRevision);
  }

  async getRevision(id: string, n: number): Promise<Revision | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.revision(id, n) }),
    );
    return Item ? toRevision(Item) : null;
  }

  async listHistory(id: string, limit: number, startKey: PageKey | undefined): Promise<Page<HistoryEntry>> {
    return this.queryPrefix(id, keys.auditPrefix, limit, startKey, toHistoryEntry);
  }

  private async queryPrefix<T>(
    id: string,
    prefix: string,
    limit: number,
    startKey: PageKey | undefined,
    map: (item: Item) => T,
  ): Promise<Page<T>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.articlePartition(id), ':prefix': prefix },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(map), lastKey: result.LastEvaluatedKey as PageKey | undefined };
  }

  /** One page of a public feed, newest first: a single Query on the base table. */
  async listFeed(
    feed: string,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<PublicArticleSummary>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedPartition(feed) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map(toSummary),
      lastKey: result.LastEvaluatedKey as PageKey | undefined,
    };
  }

  async isSeeded(): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.seedsMarker, ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  async markSeeded(at: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: this.tableName, Item: { ...keys.seedsMarker, at } } }],
      }),
    );
  }
}

function pick<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = source[field];
  return out;
}

export function contentOf(article: ArticleContent): ArticleContent {
  return {
    slug: article.slug,
    title: article.title,
    section: article.section,
    standfirst: article.standfirst,
    body: article.body,
    tags: article.tags,
    byline: article.byline,
    source: article.source,
    commentsEnabled: article.commentsEnabled,
  };
}

function toStoredArticle(item: Item): StoredArticle {
  return {
    ...contentOf(item as ArticleContent),
    id: item.id,
    status: item.status,
    version: item.version,
    commentCount: item.commentCount ?? 0,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    updatedAt: item.updatedAt,
    updatedBy: item.updatedBy,
    publishedAt: item.publishedAt ?? null,
    scheduledFor: item.scheduledFor ?? null,
    unpublishAt: item.unpublishAt ?? null,
    live: item.live === true,
    hasUnpublishedChanges: item.hasUnpublishedChanges === true,
    revisionCount: item.revisionCount,
    everLive: item.everLive === true,
  };
}

function toSnapshot(item: Item): StoredSnapshot {
  return {
    id: item.id,
    slug: item.slug,
    section: item.section,
    title: item.title,
    standfirst: item.standfirst,
    body: item.body,
    tags: item.tags,
    byline: item.byline,
    source: item.source ?? null,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    commentsEnabled: item.commentsEnabled === true,
    commentCount: item.commentCount ?? 0,
    version: item.version,
  };
}

function toSummary(item: Item): PublicArticleSummary {
  return {
    id: item.id,
    slug: item.slug,
    section: item.section,
    title: item.title,
    standfirst: item.standfirst,
    tags: item.tags,
    byline: item.byline,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
  };
}

function toRevision(item: Item): Revision {
  return {
    articleId: item.articleId,
    n: item.n,
    version: item.version,
    savedAt: item.savedAt,
    savedBy: item.savedBy,
    title: item.title,
    action: item.action,
    content: contentOf(item.content),
  };
}

function toHistoryEntry(item: Item): HistoryEntry {
  return {
    at: item.at,
    actor: item.actor,
    action: item.action,
    from: item.from ?? null,
    to: item.to ?? null,
    version: item.version,
    ...(item.note === undefined ? {} : { note: item.note }),
    ...(item.publishAt === undefined ? {} : { publishAt: item.publishAt }),
  };
}
