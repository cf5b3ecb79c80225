import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ResolvedZone } from '../fronts/resolve.ts';
import type { FrontArrangement, FrontRevision, FrontZone } from '../schemas/front.ts';
import { batchGet } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { FRONT_ITEM_TYPES, FRONTS_PARTITION, frontKeys } from './frontKeys.ts';
import { getItem, type Page, pageKeyOf, type TransactItem } from './query.ts';
import { TransactionRefused, transactWrite } from './transactions.ts';

/** A front's draft arrangement with its publishing state (FRONTS / <name>). */
export interface StoredFrontDraft extends FrontArrangement {
  name: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  publishedRevision: number | null;
  publishedAt: string | null;
  scheduledFor: string | null;
}

/** The published front resolved (FRONT#<name> / RESOLVED): one GetItem serves the public read. */
export interface StoredFrontLive {
  name: string;
  title: string;
  revision: number;
  publishedAt: string;
  resolvedAt: string;
  /** The published arrangement it was resolved from. */
  arrangement: FrontZone[];
  zones: ResolvedZone[];
  /** The index rows it is listed under (FRONTREF#...), to move them on the next publish. */
  refs: string[];
  /** When a pin next expires, or null: the local scheduler's poll reads it. */
  nextExpiry: string | null;
  /** Raised by every write of it: the relay's optimistic check, and the purge event's version. */
  serial: number;
}

/** Stale state lost a race: the caller reads again and retries. */
export class FrontRaceLost extends Error {}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Items are written only by this store, from validated arrangements. */
function asDraft(item: Record<string, unknown>): StoredFrontDraft {
  return {
    name: String(item.name),
    title: String(item.title),
    zones: item.zones as FrontZone[],
    version: Number(item.version),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
    publishedRevision: num(item.publishedRevision),
    publishedAt: str(item.publishedAt),
    scheduledFor: str(item.scheduledFor),
  };
}

function asLive(item: Record<string, unknown>): StoredFrontLive {
  return {
    name: String(item.name),
    title: String(item.title),
    revision: Number(item.revision),
    publishedAt: String(item.publishedAt),
    resolvedAt: String(item.resolvedAt),
    arrangement: item.arrangement as FrontZone[],
    zones: item.zones as ResolvedZone[],
    refs: (item.refs as string[] | undefined) ?? [],
    nextExpiry: str(item.nextExpiry),
    serial: Number(item.serial ?? 0),
  };
}

const asRevision = (item: Record<string, unknown>) => {
  const { pk: _p, sk: _s, type: _t, ...rest } = item;
  return rest as FrontRevision;
};

const failedCondition = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

export class FrontStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every front's draft: one Query (a newsroom has tens of fronts, not thousands). */
  async list(): Promise<StoredFrontDraft[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': FRONTS_PARTITION },
      }),
    );
    return Items.map(asDraft);
  }

  async draft(name: string): Promise<StoredFrontDraft | null> {
    const item = await getItem(this.db, this.tableName, frontKeys.draft(name), true);
    return item ? asDraft(item) : null;
  }

  async live(name: string, consistent = false): Promise<StoredFrontLive | null> {
    const item = await getItem(this.db, this.tableName, frontKeys.live(name), consistent);
    return item ? asLive(item) : null;
  }

  /**
   * Puts the draft: new (`expectedVersion` null, the name unclaimed) or replacing exactly the
   * version read. False when that did not hold.
   */
  async putDraft(draft: StoredFrontDraft, expectedVersion: number | null): Promise<boolean> {
    try {
      await this.db.send(new PutCommand(this.draftPut(draft, expectedVersion)));
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  }

  private draftPut(draft: StoredFrontDraft, expectedVersion: number | null) {
    return {
      TableName: this.tableName,
      Item: { ...frontKeys.draft(draft.name), type: FRONT_ITEM_TYPES.draft, ...draft },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
    };
  }

  async revisions(name: string, limit: number, startKey: PageKey | undefined): Promise<Page<FrontRevision>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: { ':pk': frontKeys.partition(name), ':rev': frontKeys.revisionPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(asRevision), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }

  async revision(name: string, n: number): Promise<FrontRevision | null> {
    const item = await getItem(this.db, this.tableName, frontKeys.revision(name, n));
    return item ? asRevision(item) : null;
  }

  /**
   * Publishes in one transaction: the draft at exactly the version read (its new state), the
   * revision (new), the resolved front (replacing exactly the one read, or none) and the index
   * rows that moved. A lost race on either condition is a FrontRaceLost: the draft changed (the
   * caller answers 412) or the relay resolved meanwhile (the caller resolves again).
   */
  async publish(write: {
    draft: StoredFrontDraft;
    expectedVersion: number;
    revision: FrontRevision;
    live: StoredFrontLive;
    previous: StoredFrontLive | null;
  }): Promise<void> {
    const { draft, revision, live, previous } = write;
    const before = new Set(previous?.refs ?? []);
    const after = new Set(live.refs);
    const refs: TransactItem[] = [
      ...[...after].filter((r) => !before.has(r)).map((r) => this.refChange(r, 'ADD', live.name)),
      ...[...before].filter((r) => !after.has(r)).map((r) => this.refChange(r, 'DELETE', live.name)),
    ];
    try {
      await transactWrite(this.db, [
        { Put: this.draftPut(draft, write.expectedVersion) },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...frontKeys.revision(draft.name, revision.n),
              type: FRONT_ITEM_TYPES.revision,
              ...revision,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: this.livePut(live, previous?.serial ?? null) },
        ...refs,
      ]);
    } catch (error) {
      if (error instanceof TransactionRefused) throw new FrontRaceLost('The front changed meanwhile');
      throw error;
    }
  }

  private refChange(ref: string, op: 'ADD' | 'DELETE', name: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: frontKeys.ref(ref),
        UpdateExpression: op === 'ADD' ? 'SET #type = :type ADD fronts :name' : 'DELETE fronts :name',
        ...(op === 'ADD' ? { ExpressionAttributeNames: { '#type': 'type' } } : {}),
        ExpressionAttributeValues: {
          ':name': new Set([name]),
          ...(op === 'ADD' ? { ':type': FRONT_ITEM_TYPES.ref } : {}),
        },
      },
    };
  }

  private livePut(live: StoredFrontLive, expectedSerial: number | null) {
    return {
      TableName: this.tableName,
      Item: { ...frontKeys.live(live.name), type: FRONT_ITEM_TYPES.live, ...live },
      ...(expectedSerial === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'serial = :s', ExpressionAttributeValues: { ':s': expectedSerial } }),
    };
  }

  /** Replaces the resolved front read at `expectedSerial`; false if another write came first. */
  async putResolved(live: StoredFrontLive, expectedSerial: number): Promise<boolean> {
    try {
      await this.db.send(new PutCommand(this.livePut(live, expectedSerial)));
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  }

  /** The fronts listed under any of these index rows: one BatchGetItem. */
  async frontsFor(refs: readonly string[]): Promise<string[]> {
    if (refs.length === 0) return [];
    const items = await batchGet(this.db, this.tableName, refs.map(frontKeys.ref), ['fronts'], true);
    const names = new Set<string>();
    for (const item of items)
      for (const name of (item.fronts as Set<string> | undefined) ?? []) names.add(name);
    return [...names].sort();
  }

  /**
   * What is due at `at`, for the local scheduler's poll (in AWS, EventBridge Scheduler holds the
   * triggers): scheduled publishes, and published fronts whose next pin expiry has come.
   */
  async due(at: string): Promise<{ publish: StoredFrontDraft[]; expiry: { name: string; at: string }[] }> {
    const drafts = await this.list();
    const publish = drafts.filter((d) => d.scheduledFor !== null && d.scheduledFor <= at);
    const published = drafts.filter((d) => d.publishedRevision !== null).map((d) => frontKeys.live(d.name));
    const lives =
      published.length > 0 ? await batchGet(this.db, this.tableName, published, ['name', 'nextExpiry']) : [];
    const expiry = lives.flatMap((item) => {
      const next = str(item.nextExpiry);
      return next !== null && next <= at ? [{ name: String(item.name), at: next }] : [];
    });
    return { publish, expiry };
  }
}
