import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Block } from '../../schemas/articleBody.ts';
import type { LiveState, LiveTrace, PublicLiveEntry } from '../../schemas/live.ts';
import { keys } from '../keys.ts';
import type { TransactItem } from '../query.ts';
import { transactWrite } from '../transactions.ts';
import { LIVE_ITEM_TYPES, type LiveList, liveKeys } from './liveKeys.ts';

/** The coverage record (liveKeys.coverage). */
export interface StoredCoverage {
  articleId: string;
  slug: string;
  state: LiveState;
  contributors: string[];
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
}

/** The coverage's public face (liveKeys.publicCoverage). */
export interface PublicCoverageItem {
  state: LiveState;
  startedAt: string;
  endedAt: string | null;
}

/** An entry's record (liveKeys.record): everything the desk sees. */
export interface StoredEntry {
  articleId: string;
  slug: string;
  id: string;
  body: Block[];
  authors: string[];
  postedAt: string;
  updatedAt: string;
  edited: boolean;
  pinned: boolean;
  keyEvent: boolean;
  hidden: boolean;
  deleted: boolean;
  changeId: string;
  version: number;
  draftId: string | null;
  trace: LiveTrace[];
}

export interface EntryPage<T> {
  items: T[];
  /** The id of the last item when more may follow. */
  last: string | null;
}

/** The entry as readers see it: a hidden or deleted one keeps only its identity. */
export function publicEntry(entry: StoredEntry): PublicLiveEntry {
  const removed = entry.hidden || entry.deleted;
  return {
    id: entry.id,
    url: `/v1/articles/${entry.slug}/entries/${entry.id}`,
    body: removed ? [] : entry.body,
    authors: removed ? [] : entry.authors,
    postedAt: entry.postedAt,
    updatedAt: entry.updatedAt,
    edited: entry.edited,
    pinned: !removed && entry.pinned,
    keyEvent: !removed && entry.keyEvent,
    removed,
    changeId: entry.changeId,
  };
}

/** The public lists an entry belongs in now. */
function listsOf(entry: StoredEntry): LiveList[] {
  if (entry.hidden || entry.deleted) return [];
  return [
    'all',
    ...(entry.pinned ? (['pinned'] as const) : []),
    ...(entry.keyEvent ? (['key'] as const) : []),
  ];
}

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
            ConditionExpression: '#state = :expect',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':expect': expect },
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
      this.whileLive(entry.articleId),
      {
        Put: {
          TableName: this.tableName,
          Item: this.recordItem(entry),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.publicWrites(entry, null),
    ]);
  }

  /**
   * A changed entry (`after` has the next version and a new changeId), refused at 0 when the
   * coverage is no longer live and at 1 when someone else changed the entry first.
   */
  async replace(before: StoredEntry, after: StoredEntry): Promise<void> {
    await transactWrite(this.db, [
      this.whileLive(after.articleId),
      {
        Put: {
          TableName: this.tableName,
          Item: this.recordItem(after),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': before.version },
        },
      },
      ...this.publicWrites(after, before),
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
  async changesSince(slug: string, since: string, limit: number): Promise<PublicLiveEntry[]> {
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
    return Items.map((item) => strip(item) as PublicLiveEntry);
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
    const items = Items.map(read);
    const lastSk = LastEvaluatedKey?.sk;
    return { items, last: typeof lastSk === 'string' ? lastSk.slice(prefix.length) : null };
  }

  private whileLive(articleId: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: liveKeys.coverage(articleId),
        ConditionExpression: '#state = :live',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':live': 'live' },
      },
    };
  }

  private recordItem(entry: StoredEntry) {
    return { ...liveKeys.record(entry.slug, entry.id), type: LIVE_ITEM_TYPES.record, ...entry };
  }

  /**
   * The public copies of an entry's new state: its lists (put, or deleted where it left one) and
   * its change (the previous one deleted, so each entry has one).
   */
  private publicWrites(after: StoredEntry, before: StoredEntry | null): TransactItem[] {
    const TableName = this.tableName;
    const shown = publicEntry(after);
    const now = listsOf(after);
    const was = before ? listsOf(before) : [];
    const writes: TransactItem[] = now.map((list) => ({
      Put: {
        TableName,
        Item: { ...liveKeys.list(after.slug, list, after.id), type: LIVE_ITEM_TYPES.publicEntry, ...shown },
      },
    }));
    for (const list of was.filter((l) => !now.includes(l))) {
      writes.push({ Delete: { TableName, Key: liveKeys.list(after.slug, list, after.id) } });
    }
    if (before && before.changeId !== after.changeId) {
      writes.push({ Delete: { TableName, Key: liveKeys.change(before.slug, before.changeId) } });
    }
    writes.push({
      Put: {
        TableName,
        Item: { ...liveKeys.change(after.slug, after.changeId), type: LIVE_ITEM_TYPES.change, ...shown },
      },
    });
    return writes;
  }
}
