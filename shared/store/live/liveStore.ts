import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LiveState, LiveTrace, PublicLiveEntry } from '../../schemas/live.ts';
import { keys } from '../keys.ts';
import type { TransactItem } from '../query.ts';
import { transactWrite } from '../transactions.ts';
import { publicWrites } from './liveItems.ts';
import { LIVE_ITEM_TYPES, type LiveList, liveKeys } from './liveKeys.ts';
import type { EntryPage, PublicCoverageItem, StoredCoverage, StoredEntry } from './liveModel.ts';

export type { EntryPage, PublicCoverageItem, StoredCoverage, StoredEntry } from './liveModel.ts';

const movedToOf = (item: Record<string, unknown> | undefined): string | undefined =>
  item?.type === LIVE_ITEM_TYPES.moved ? String(item.redirectTo) : undefined;

const strip = ({ pk: _, sk: __, type: ___, ...rest }: Record<string, unknown>) => rest;

/**
 * Live coverage in the content table (layout in liveKeys.ts). An entry's record and its public
 * copies (the lists it is in, its latest change) are written in one transaction, conditioned on
 * the coverage being live and, for a change, on the record's version: a lost race is a refusal,
 * never an overwrite.
 */
export class LiveStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCoverage(articleId: string): Promise<StoredCoverage | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: liveKeys.coverage(articleId) }),
    );
    return Item ? (strip(Item) as unknown as StoredCoverage) : null;
  }

  /** Writes the coverage and its public face; `expect` is the state it must be in (null: none yet). */
  async putCoverage(coverage: StoredCoverage, expect: LiveState | null): Promise<void> {
    const condition =
      expect === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            // Still at the slug it was read at: a slug move between the read and this write
            // (entryMove.ts) must not be undone.
            ConditionExpression: '#state = :expect AND slug = :slug',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':expect': expect, ':slug': coverage.slug },
          };
    await transactWrite(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...liveKeys.coverage(coverage.articleId), type: LIVE_ITEM_TYPES.coverage, ...coverage },
          ...condition,
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: liveKeys.publicCoverage(coverage.slug),
          UpdateExpression: 'SET #type = :type, #state = :state, startedAt = :startedAt, endedAt = :endedAt',
          ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
          ExpressionAttributeValues: {
            ':type': LIVE_ITEM_TYPES.publicCoverage,
            ':state': coverage.state,
            ':startedAt': coverage.startedAt,
            ':endedAt': coverage.endedAt,
          },
        },
      },
    ]);
  }

  /**
   * The live snapshot's item and its coverage's public face in one Query (LIVE and LIVECOVERAGE
   * sort together in the slug's partition, CLAIM before them): the public article stays one request.
   */
  async snapshotWithCoverage(
    slug: string,
  ): Promise<{ snapshot?: Record<string, unknown>; coverage?: PublicCoverageItem }> {
    const snapshotKey = keys.liveSnapshot(slug);
    const coverageKey = liveKeys.publicCoverage(slug);
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': snapshotKey.pk, ':from': snapshotKey.sk, ':to': coverageKey.sk },
      }),
    );
    const snapshot = Items.find((item) => item.sk === snapshotKey.sk);
    const coverage = Items.find((item) => item.sk === coverageKey.sk);
    return {
      ...(snapshot ? { snapshot } : {}),
      ...(coverage ? { coverage: strip(coverage) as unknown as PublicCoverageItem } : {}),
    };
  }

  async getEntry(slug: string, id: string): Promise<StoredEntry | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: liveKeys.record(slug, id), ConsistentRead: true }),
    );
    return Item ? (strip(Item) as unknown as StoredEntry) : null;
  }

  /** A new entry: one transaction, refused (TransactionRefused at 0) when the coverage is not live. */
  async create(entry: StoredEntry): Promise<void> {
    await transactWrite(this.db, [
      this.whileLive(entry.articleId, entry.slug),
      {
        Put: {
          TableName: this.tableName,
          Item: this.recordItem(entry),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...publicWrites(this.tableName, entry, null),
    ]);
  }

  /**
   * A changed entry (`after` has the next version and a new changeId), refused at 0 when the
   * coverage is no longer live and at 1 when someone else changed the entry first.
   */
  async replace(before: StoredEntry, after: StoredEntry): Promise<void> {
    await transactWrite(this.db, [
      this.whileLive(after.articleId, before.slug),
      {
        Put: {
          TableName: this.tableName,
          Item: this.recordItem(after),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': before.version },
        },
      },
      ...publicWrites(this.tableName, after, before),
    ]);
  }

  /** Links an entry to the draft made from it: the desk's fact only, no public change. */
  async linkDraft(entry: StoredEntry, draftId: string, trace: LiveTrace[]): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: liveKeys.record(entry.slug, entry.id),
        UpdateExpression: 'SET draftId = :draftId, trace = :trace',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':draftId': draftId, ':trace': trace },
      }),
    );
  }

  /** A page of a public list, newest first: one Query. */
  async listPublic(slug: string, list: LiveList, limit: number, before?: string) {
    const prefix = liveKeys.listPrefix(list);
    return this.page<PublicLiveEntry>(slug, prefix, limit, before, (item) => strip(item) as PublicLiveEntry);
  }

  /** The desk's page: every entry's record, hidden and deleted ones too, newest first. */
  async listRecords(slug: string, limit: number, before?: string) {
    return this.page<StoredEntry>(
      slug,
      liveKeys.recordPrefix,
      limit,
      before,
      (item) => strip(item) as unknown as StoredEntry,
    );
  }

  async getPublic(slug: string, id: string): Promise<PublicLiveEntry | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: liveKeys.list(slug, 'all', id) }),
    );
    return Item ? (strip(Item) as PublicLiveEntry) : null;
  }

  /** The entries whose latest change is newer than `since`, oldest change first: one Query. */
  async changesSince(
    slug: string,
    since: string,
    limit: number,
  ): Promise<{ items: PublicLiveEntry[]; movedTo?: string }> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': liveKeys.partition(slug),
          // BETWEEN is inclusive: the change at `since` itself is the reader's already.
          ':from': `${liveKeys.changePrefix}${since}\u0000`,
          ':to': `${liveKeys.changePrefix}\uffff`,
        },
        Limit: limit,
      }),
    );
    // The moved marker (C#~) sorts last: met only once every change before it was read.
    const movedTo = movedToOf(Items.at(-1));
    if (movedTo !== undefined) return { items: [], movedTo };
    return { items: Items.map((item) => strip(item) as PublicLiveEntry) };
  }

  /** Where the entries went, if this slug is one they moved from (one GetItem of its marker). */
  async movedTo(slug: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: liveKeys.moved(slug, 'all') }),
    );
    return movedToOf(Item);
  }

  private async page<T>(
    slug: string,
    prefix: string,
    limit: number,
    before: string | undefined,
    read: (item: Record<string, unknown>) => T,
  ): Promise<EntryPage<T>> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: before
          ? 'pk = :pk AND sk BETWEEN :from AND :to'
          : 'pk = :pk AND begins_with(sk, :from)',
        ExpressionAttributeValues: {
          ':pk': liveKeys.partition(slug),
          ':from': prefix,
          // Strictly before the cursor's entry: ULIDs are fixed width, so the key just below it.
          ...(before
            ? {
                ':to': `${prefix}${before.slice(0, -1)}${String.fromCharCode(before.charCodeAt(25) - 1)}\uffff`,
              }
            : {}),
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    // Newest first: a moved marker (sorting after every id) comes first.
    const movedTo = movedToOf(Items[0]);
    if (movedTo !== undefined) return { items: [], last: null, movedTo };
    const items = Items.map(read);
    const lastSk = LastEvaluatedKey?.sk;
    return { items, last: typeof lastSk === 'string' ? lastSk.slice(prefix.length) : null };
  }

  /** Live, and still at the slug the entry is written under (not moved meanwhile: entryMove.ts). */
  private whileLive(articleId: string, slug: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: liveKeys.coverage(articleId),
        ConditionExpression: '#state = :live AND slug = :slug',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':live': 'live', ':slug': slug },
      },
    };
  }

  private recordItem(entry: StoredEntry) {
    return { ...liveKeys.record(entry.slug, entry.id), type: LIVE_ITEM_TYPES.record, ...entry };
  }
}
