import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Section, Tag } from '../schemas/taxonomy.ts';
import { ACCESS_LEVELS } from '../taxonomy/facts.ts';
import { batchGet, batchPut } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { nullableOneOf, reader, text, whole } from './parse.ts';
import { getItem, type Page, pageKeyOf, queryAll, type TransactItem } from './query.ts';
import { TAXONOMY_ITEM_TYPES, type TaxonomyKind, taxonomyKeys } from './taxonomyKeys.ts';
import { TransactionRefused, transactWrite } from './transactions.ts';

const readSection = reader<Section>(
  {
    slug: text,
    name: text,
    description: text,
    parent: (v) => (v === undefined || v === null ? null : text(v)),
    seo: (v) => {
      const seo = (v ?? {}) as { title?: unknown; description?: unknown };
      return {
        title: typeof seo.title === 'string' ? seo.title : '',
        description: typeof seo.description === 'string' ? seo.description : '',
      };
    },
    defaultAccess: nullableOneOf(ACCESS_LEVELS),
    version: whole,
    updatedAt: text,
    updatedBy: text,
  },
  'section',
);
const readTag = reader<Tag>(
  { slug: text, name: text, description: text, version: whole, updatedAt: text, updatedBy: text },
  'tag',
);

export interface Moved {
  from: string;
  to: string;
}

/** A rename: the record under its new slug, the old one gone and answering 301. */
export interface Rename<T extends Section | Tag> {
  before: T;
  after: T;
  /** Sections whose parent was the old slug, with the new one. */
  children?: Section[];
  /** Older slugs that pointed at the old slug: they now point at the new one (no chains). */
  redirects?: Moved[];
}

/** Sections and tags in the content table (keys: shared/store/taxonomyKeys.ts). */
export class TaxonomyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getSection(slug: string, consistent = false): Promise<Section | null> {
    const item = await getItem(this.db, this.tableName, taxonomyKeys.record('section', slug), consistent);
    return item ? readSection(item) : null;
  }

  async getTag(slug: string, consistent = false): Promise<Tag | null> {
    const item = await getItem(this.db, this.tableName, taxonomyKeys.record('tag', slug), consistent);
    return item ? readTag(item) : null;
  }

  /** The tags of these slugs that exist, by slug (one BatchGetItem per 100). */
  async getTags(slugs: readonly string[]): Promise<Map<string, Tag>> {
    if (slugs.length === 0) return new Map();
    const items = await batchGet(
      this.db,
      this.tableName,
      slugs.map((slug) => taxonomyKeys.record('tag', slug)),
    );
    return new Map(items.map(readTag).map((tag) => [tag.slug, tag]));
  }

  /** Where a renamed slug went, or null. */
  async movedTo(kind: TaxonomyKind, slug: string): Promise<string | null> {
    const item = await getItem(this.db, this.tableName, taxonomyKeys.moved(kind, slug));
    return typeof item?.to === 'string' ? item.to : null;
  }

  /** Where each of these renamed slugs went (those that were renamed). */
  async movedMany(kind: TaxonomyKind, slugs: readonly string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const items = await batchGet(
      this.db,
      this.tableName,
      slugs.map((slug) => taxonomyKeys.moved(kind, slug)),
    );
    return new Map(items.map((item) => [String(item.sk), String(item.to)]));
  }

  /** Every section: one Query (a newsroom has tens, not thousands). */
  async listSections(consistent = false): Promise<Section[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': taxonomyKeys.partition('section') },
      ConsistentRead: consistent,
    });
    return items.map(readSection);
  }

  /** Tags in slug order, those starting with `prefix` when given: the typeahead's one Query. */
  async listTags(prefix: string | undefined, limit: number, startKey?: PageKey): Promise<Page<Tag>> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: prefix ? 'pk = :p AND begins_with(sk, :q)' : 'pk = :p',
        ExpressionAttributeValues: {
          ':p': taxonomyKeys.partition('tag'),
          ...(prefix ? { ':q': prefix } : {}),
        },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (page.Items ?? []).map(readTag), lastKey: pageKeyOf(page.LastEvaluatedKey) };
  }

  async listMoved(kind: TaxonomyKind): Promise<Moved[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': taxonomyKeys.movedPartition(kind) },
      ConsistentRead: true,
    });
    return items.map((item) => ({ from: String(item.sk), to: String(item.to) }));
  }

  /**
   * A new record; false when the slug is taken. A slug that was renamed away may be taken again:
   * its 301 goes, the new record answers instead.
   */
  async create(kind: 'section', record: Section): Promise<boolean>;
  async create(kind: 'tag', record: Tag): Promise<boolean>;
  async create(kind: TaxonomyKind, record: Section | Tag): Promise<boolean> {
    const refused = await this.commit([
      this.putNew(kind, record),
      { Delete: { TableName: this.tableName, Key: taxonomyKeys.moved(kind, record.slug) } },
    ]);
    return refused === null;
  }

  /** A changed record, the slug unchanged; false when its version moved on (or it is gone). */
  async replace(kind: TaxonomyKind, record: Section | Tag, expectedVersion: number): Promise<boolean> {
    const refused = await this.commit([
      {
        Put: {
          TableName: this.tableName,
          Item: this.itemOf(kind, record),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        },
      },
    ]);
    return refused === null;
  }

  /**
   * A rename in one transaction: the new record, the old one removed (on its version), the old
   * slug's 301, older 301s repointed, children moved to the new parent slug. Answers which
   * condition refused it: 'taken' (the new slug), 'version', or null when committed.
   */
  async rename(kind: TaxonomyKind, change: Rename<Section | Tag>): Promise<'taken' | 'version' | null> {
    const { before, after } = change;
    const movedItem = (from: string, to: string) => ({
      ...taxonomyKeys.moved(kind, from),
      type: TAXONOMY_ITEM_TYPES.moved,
      to,
    });
    const items: TransactItem[] = [
      this.putNew(kind, after),
      {
        Delete: {
          TableName: this.tableName,
          Key: taxonomyKeys.record(kind, before.slug),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        },
      },
      { Put: { TableName: this.tableName, Item: movedItem(before.slug, after.slug) } },
      { Delete: { TableName: this.tableName, Key: taxonomyKeys.moved(kind, after.slug) } },
      ...(change.redirects ?? [])
        .filter((r) => r.from !== after.slug && r.from !== before.slug)
        .map((r) => ({ Put: { TableName: this.tableName, Item: movedItem(r.from, after.slug) } })),
      ...(change.children ?? []).map((child) => ({
        Put: { TableName: this.tableName, Item: this.itemOf('section', child) },
      })),
    ];
    const refused = await this.commit(items);
    if (refused === null) return null;
    return refused === 0 ? 'taken' : 'version';
  }

  /** Removes a record on its version; false when it moved on or is gone. */
  async remove(kind: TaxonomyKind, slug: string, expectedVersion: number): Promise<boolean> {
    const refused = await this.commit([
      {
        Delete: {
          TableName: this.tableName,
          Key: taxonomyKeys.record(kind, slug),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        },
      },
    ]);
    return refused === null;
  }

  /**
   * Writes the records whose slugs hold nothing yet (seeds, test fixtures, the migration): one
   * BatchGetItem and one BatchWriteItem per 25. A record written between the two is overwritten
   * by one of the same slug: only for loaders, never for an editor's request.
   */
  async createMissing(kind: TaxonomyKind, records: readonly (Section | Tag)[]): Promise<number> {
    if (records.length === 0) return 0;
    const existing = await batchGet(
      this.db,
      this.tableName,
      records.map((r) => taxonomyKeys.record(kind, r.slug)),
      ['sk'],
    );
    const taken = new Set(existing.map((item) => String(item.sk)));
    const missing = records.filter((r) => !taken.has(r.slug));
    await batchPut(
      this.db,
      this.tableName,
      missing.map((r) => this.itemOf(kind, r)),
    );
    return missing.length;
  }

  /** Creates a tag unless one holds the slug (tags made on the fly by an article save). */
  async ensureTag(tag: Tag): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.itemOf('tag', tag),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  private itemOf(kind: TaxonomyKind, record: Section | Tag) {
    return { ...taxonomyKeys.record(kind, record.slug), type: TAXONOMY_ITEM_TYPES[kind], ...record };
  }

  private putNew(kind: TaxonomyKind, record: Section | Tag): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: this.itemOf(kind, record),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Commits; the position of the first refusing item, or null when committed. */
  private async commit(items: TransactItem[]): Promise<number | null> {
    try {
      await transactWrite(this.db, items);
      return null;
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      const at = items.findIndex((_, i) => error.failed(i));
      return at < 0 ? 0 : at;
    }
  }
}
