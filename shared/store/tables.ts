import { ENV, type EnvName } from '../env.ts';
import { FIELDS } from './model.ts';

/**
 * Table definitions, written once. CDK (infra/constructs/data.ts), the local runtime, the seeds and
 * the tests all create tables from these, so key schemas and indexes cannot drift apart.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Non-key attributes projected into the index; omitted means ALL, empty means keys only. */
  readonly include?: readonly string[];
}

/** An index's projection, as both CreateTable and CDK name it (see IndexDefinition.include). */
export function projectionOf(index: IndexDefinition): {
  type: 'ALL' | 'INCLUDE' | 'KEYS_ONLY';
  nonKeyAttributes?: string[];
} {
  if (!index.include) return { type: 'ALL' };
  if (index.include.length === 0) return { type: 'KEYS_ONLY' };
  return { type: 'INCLUDE', nonKeyAttributes: [...index.include] };
}

export interface TableDefinition {
  /** Stable id: CDK construct id and the suffix of local table names. */
  readonly id: string;
  /** The environment variable through which functions learn the table's name. */
  readonly envName: EnvName;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  readonly ttlAttribute?: string;
  /**
   * The table's change stream, read by the outbox relay (shared/integrations/outbox.ts): both
   * images, so an event can say what changed.
   */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
}

const S = <N extends string>(name: N) => ({ name, type: 'S' }) as const;
const N = <Name extends string>(name: Name) => ({ name, type: 'N' }) as const;

/** The index names of a table, typed from its definition: a renamed index is a compile error. */
export type IndexName<T extends TableDefinition> = T['indexes'][number]['name'];
type IndexOf<T extends TableDefinition, N extends IndexName<T>> = Extract<T['indexes'][number], { name: N }>;
/** The attributes an index is keyed on: what every item in it must carry, as strings. */
export type IndexKeyAttribute<T extends TableDefinition, N extends IndexName<T> = IndexName<T>> =
  | IndexOf<T, N>['partitionKey']['name']
  | IndexOf<T, N>['sortKey']['name'];

export function indexOf<T extends TableDefinition, N extends IndexName<T>>(table: T, name: N): IndexOf<T, N> {
  const index = table.indexes.find((i) => i.name === name);
  if (!index) throw new Error(`Table ${table.id} has no index ${name}`);
  return index as IndexOf<T, N>;
}

/**
 * What the admin list indexes project besides keys: only the attributes a list filters on after
 * the index (see workingListPartition). The page itself is read from the table by key in one
 * BatchGetItem. An index entry is then about 200 bytes, so a transition writes 1 WCU per index
 * entry (2 where its sort key moves) instead of the whole working copy into each, and a comment
 * count update, which projects nowhere, writes no index at all.
 */
const ADMIN_LIST_INCLUDE = ['status', 'section'] as const;

/**
 * One table for the editorial content: working copies, revisions, audit entries, slug claims,
 * live snapshots and public feed entries (see shared/store/keys.ts). The indexes serve the admin
 * list; only working copies carry the `gsi*` attributes, so the indexes stay sparse. There is no
 * index of every working copy: the unfiltered list merges byStatus's partitions (mergedList.ts), so
 * a transition moves the article in three admin indexes, not four.
 */
export const CONTENT_TABLE = {
  id: 'Content',
  envName: ENV.contentTable,
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [
    { name: 'byStatus', partitionKey: S('gsiStatus'), sortKey: S('updatedAt'), include: ADMIN_LIST_INCLUDE },
    { name: 'byAuthor', partitionKey: S('gsiAuthor'), sortKey: S('updatedAt'), include: ADMIN_LIST_INCLUDE },
    {
      name: 'bySection',
      partitionKey: S('gsiSection'),
      sortKey: S('updatedAt'),
      include: ADMIN_LIST_INCLUDE,
    },
    // Sparse: live articles with an automatic unpublish pending, by when (the local scheduler's poll).
    {
      name: 'byUnpublishAt',
      partitionKey: S('gsiUnpublish'),
      sortKey: S('gsiUnpublishAt'),
      include: ['id', 'slug'],
    },
  ],
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDefinition;

/**
 * Reader comments, moderation settings and the short-lived flood and duplicate markers (expired
 * by TTL). `byArticle` serves the public thread and projects only public fields, so an email or a
 * fingerprint cannot leak from it; `byArticleModeration` and `byStatus` serve the queue.
 */
export const COMMENTS_TABLE = {
  id: 'Comments',
  envName: ENV.commentsTable,
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [
    // The public thread by time: an article's top-level comments under `<slug>#<status>`, and the
    // replies to one comment under `<slug>#<status>#<parentId>` (threads are one level deep).
    {
      name: 'byArticle',
      partitionKey: S('gsiArticle'),
      sortKey: S('gsiCreated'),
      // Exactly what the public thread shows: nothing else can leak from a Query on it.
      include: FIELDS.publicComment,
    },
    // The public thread by most replies: top-level comments only (replies carry no gsiTop), sorted
    // by the reply count itself, so approving a reply moves its parent here with one ADD.
    {
      name: 'byReplies',
      partitionKey: S('gsiTop'),
      sortKey: N('replyCount'),
      // movedAt: a reader's cursor remembers rows it saw after they rose (see listApproved).
      include: [...FIELDS.publicComment.filter((f) => f !== 'replyCount'), 'movedAt'],
    },
    // Sparse: the top-level rows of the public thread whose place by replies rose (a reply
    // approved), by when. A reader paging by replies reads it last, from when they started: a
    // row that climbed past their page is listed there instead of skipped (see listApproved).
    {
      name: 'byMoved',
      partitionKey: S('gsiMoved'),
      sortKey: S('movedAt'),
      include: FIELDS.publicComment,
    },
    // Sparse: an article's featured comments (approved and featured only), by time.
    {
      name: 'byFeatured',
      partitionKey: S('gsiFeatured'),
      sortKey: S('gsiCreated'),
      include: FIELDS.publicComment,
    },
    { name: 'byArticleModeration', partitionKey: S('gsiArticleAdmin'), sortKey: S('gsiCreated') },
    { name: 'byStatus', partitionKey: S('gsiStatus'), sortKey: S('gsiCreated') },
    // Sparse: approved comments with open reports, the count leading the sort key (most first).
    // Every report rewrites the comment's entry here: one index write per report.
    { name: 'byReported', partitionKey: S('gsiReported'), sortKey: S('gsiReportRank') },
    // A client's comments (keyed on the fingerprint every comment already has), keys only: a
    // moderation decision changes none of its entries, and a ban reads the statuses of the
    // comments it finds from the table.
    { name: 'byClient', partitionKey: S('fingerprint'), sortKey: S('gsiCreated'), include: [] },
    // A commenter's comments by their email's keyed hash (never the email), keys only: a ban
    // finds their comments from other clients too.
    { name: 'byCommenter', partitionKey: S('emailHash'), sortKey: S('gsiCreated'), include: [] },
  ],
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDefinition;

/**
 * The search index, a table of its own (layout and reasoning in shared/search/keys.ts and the
 * docs/search.md): postings per term in date order, prefix postings, and per document its
 * result entry and its terms. Written only by the relay from the content table's stream, never in
 * an editing transaction; no indexes (every read is by key) and no stream (nothing derives from it).
 */
export const SEARCH_TABLE = {
  id: 'Search',
  envName: ENV.searchTable,
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [],
} as const satisfies TableDefinition;

export const TABLES: readonly TableDefinition[] = [CONTENT_TABLE, COMMENTS_TABLE, SEARCH_TABLE];

/** A table definition's names for the AWS SDK's CreateTable, used locally and in tests. */
export function createTableInput(table: TableDefinition, tableName: string) {
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [
    table.partitionKey,
    table.sortKey,
    ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    attributes.set(key.name, key);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes.values()].map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' as const },
    ],
    // DynamoDB refuses an empty list: a table without indexes names none.
    ...(table.indexes.length > 0 ? { GlobalSecondaryIndexes: globalIndexes(table) } : {}),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
  };
}

/** A table definition's indexes for CreateTable (and UpdateTable's index creation). */
export function globalIndexes(table: TableDefinition) {
  return table.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
    ],
    Projection: (({ type, nonKeyAttributes }) => ({
      ProjectionType: type,
      ...(nonKeyAttributes ? { NonKeyAttributes: nonKeyAttributes } : {}),
    }))(projectionOf(index)),
  }));
}
