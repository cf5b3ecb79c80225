import type { FunctionName } from '../shared/http/routes.ts';
import { COMMENT_INDEXES, commentKeys } from '../shared/store/commentKeys.ts';
import { frontKeys } from '../shared/store/frontKeys.ts';
import { RELABEL_WRITABLE } from '../shared/store/relabelKeys.ts';
import { syndicationKeys } from '../shared/store/syndicationKeys.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, SEARCH_TABLE, type TableDefinition } from '../shared/store/tables.ts';

/**
 * What each function may do to each table: the one statement of it, from which the CDK grants
 * (infra/constructs/functions.ts), their template tests and the local runtime's enforcement
 * (infra/local/iam.ts) are all derived. Free of CDK, so the local runtime loads it cheaply.
 */
/** What a level may do on a table and on its indexes. */
export interface DataAccess {
  readonly table: readonly string[];
  readonly indexes: readonly string[];
}

/**
 * Least privilege per level. `read` is what public reads need: one GetItem or one Query on the
 * base table. `indexQuery` is a Query on indexes only (e.g. a public listing served by an index
 * that projects only public fields). `readWrite` adds item writes (transactions are authorized
 * per item action) and queries on the indexes. No level has Scan or table administration.
 */
export const ACCESS_LEVELS = {
  read: { table: ['dynamodb:GetItem', 'dynamodb:Query'], indexes: [] },
  indexQuery: { table: [], indexes: ['dynamodb:Query'] },
  readWrite: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:BatchGetItem',
    ],
    indexes: ['dynamodb:Query'],
  },
  /**
   * Comment submission: read the parent, the thread's state and the commenter's standing (ban
   * markers and trust, in the one BatchGetItem with the snapshot) and the settings, put the comment
   * and its markers on condition of the thread's state; a reader's report updates the comment's
   * count (and holds it back).
   */
  submitComments: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ],
    indexes: [],
  },
  /**
   * Moderation: read, decide, erase, change settings, ban; queues are served by indexes, bans by a
   * Query. A decision on a reply whose parent was erased checks that it is still gone; a ban reads
   * the statuses of the writer's comments it found on keys-only indexes in batches.
   */
  // A moved article's comments follow it (shared/store/threadMove.ts): found by the article's id,
  // each updated where it stands; nothing created or deleted.
  moveThreads: {
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    indexes: ['dynamodb:Query'],
  },
  moderateComments: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ],
    indexes: ['dynamodb:Query'],
  },
  /**
   * Preview links: the link's item by key, the working copy (head and newest revision, one Query),
   * and for the preview page the library images it shows (one BatchGetItem).
   */
  previewRead: { table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'], indexes: [] },
  /** Publishing: the comment settings item only (closeAfterDays), by key; see `leadingKeys`. */
  readSettings: { table: ['dynamodb:GetItem'], indexes: [] },
  /**
   * Going live or dark, and a live update: the thread's headers and state only (keys.ts
   * threadHeaders, threadState); see `leadingKeys`.
   */
  writeThreadHeaders: {
    table: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    indexes: [],
  },
  /**
   * Comment submission's reach into the content table: the live snapshot in the submission's one
   * BatchGetItem over both tables (GetItem for a reader's report), and the count it moves.
   */
  commentOnArticles: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ],
    indexes: [],
  },
  /**
   * Search queries (shared/search/dynamoSearchIndex.ts): a Query per term, postings and result
   * entries by key in BatchGetItem. Nothing else, and no write.
   */
  searchRead: { table: ['dynamodb:Query', 'dynamodb:BatchGetItem'], indexes: [] },
  /** The relay keeping the search index: read a document's terms, write and delete postings. */
  searchWrite: {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'],
    indexes: [],
  },
  /**
   * The relay keeping feeds and sitemaps (shared/store/syndicationStore.ts): put and delete their
   * entries (a put or delete that says what it replaced, for the month's count), move a month's
   * count; see `leadingKeys`.
   */
  syndicationWrite: {
    table: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
    indexes: [],
  },
  /**
   * The relay resolving published fronts again (shared/services/fronts/resolution.ts): a
   * conditional put of the resolved front; see `leadingKeys`.
   */
  frontsWrite: { table: ['dynamodb:PutItem'], indexes: [] },
  /**
   * The relay carrying a rename into stored articles (shared/taxonomy/relabel.ts): one attribute of
   * a working copy or live snapshot updated on its version, the job's item put; see `leadingKeys`.
   */
  relabelWrite: { table: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], indexes: [] },
  /** The rendition function: read a media record, complete it. */
  completeMedia: { table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], indexes: [] },
  /**
   * The comment side's reach into the content table: read the article (its head and newest
   * revision, one Query), move its count; closing and reopening its thread also puts an entry in
   * its history.
   */
  countComments: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ],
    indexes: [],
  },
} as const satisfies Record<string, DataAccess>;
export type AccessLevel = keyof typeof ACCESS_LEVELS;

export interface TableGrant {
  readonly table: TableDefinition;
  readonly level: AccessLevel;
  /** Restricts the level's index actions to these indexes; all of the table's by default. */
  readonly indexes?: readonly string[];
  /** Restricts the level's table actions to items under these partition keys. */
  readonly leadingKeys?: readonly string[];
}

/** Publishing reads the comment settings (closeAfterDays), and nothing else of the comments table. */
const COMMENT_SETTINGS_ONLY: TableGrant = {
  table: COMMENTS_TABLE,
  level: 'readSettings',
  leadingKeys: [commentKeys.settings.pk],
};

/** A publication that moves an article moves its thread (the per-article queue finds it). */
const COMMENT_THREAD_MOVES: TableGrant = {
  table: COMMENTS_TABLE,
  level: 'moveThreads',
  indexes: ['byArticleModeration'],
};

/** Going live or dark writes the thread's headers and state item, and touches nothing else there. */
const COMMENT_THREAD_HEADERS: TableGrant = {
  table: COMMENTS_TABLE,
  level: 'writeThreadHeaders',
  leadingKeys: [commentKeys.threadHeader('*', 'START').pk],
};

/**
 * Which tables each function may touch, and how: the single map the grants, the environment and
 * the tests are derived from. A function gets a table's name variable only if it has a grant on it.
 */
export const FUNCTION_ACCESS: Record<FunctionName, readonly TableGrant[]> = {
  publicRead: [
    { table: CONTENT_TABLE, level: 'read' },
    // Approved comments come from byArticle, which projects no email or fingerprint.
    {
      table: COMMENTS_TABLE,
      level: 'indexQuery',
      indexes: [COMMENT_INDEXES.thread, ...COMMENT_INDEXES.threadViews],
    },
    // Readers' search: the service queries the live scope only (shared/search/keys.ts).
    { table: SEARCH_TABLE, level: 'searchRead' },
  ],
  editorial: [
    { table: CONTENT_TABLE, level: 'readWrite' },
    COMMENT_SETTINGS_ONLY,
    COMMENT_THREAD_HEADERS,
    COMMENT_THREAD_MOVES,
    // The desk's search: postings of the desk scope (its hits are read from the content table).
    { table: SEARCH_TABLE, level: 'searchRead' },
  ],
  commentSubmit: [
    { table: CONTENT_TABLE, level: 'commentOnArticles' },
    { table: COMMENTS_TABLE, level: 'submitComments' },
  ],
  moderation: [
    { table: CONTENT_TABLE, level: 'countComments' },
    { table: COMMENTS_TABLE, level: 'moderateComments', indexes: COMMENT_INDEXES.queue },
    // The queues' search: postings of the comments scope (its hits are read from the comments table).
    { table: SEARCH_TABLE, level: 'searchRead' },
  ],
  preview: [{ table: CONTENT_TABLE, level: 'previewRead' }],
  docs: [],
  scheduledPublish: [
    { table: CONTENT_TABLE, level: 'readWrite' },
    COMMENT_SETTINGS_ONLY,
    COMMENT_THREAD_HEADERS,
    COMMENT_THREAD_MOVES,
  ],
  mediaProcess: [{ table: CONTENT_TABLE, level: 'completeMedia' }],
  // Reads the tables' streams, granted by its event source mappings (infra/constructs/outbox.ts), and
  // keeps the search index: a working copy's words are read from the content table (one Query).
  eventRelay: [
    { table: CONTENT_TABLE, level: 'previewRead' },
    { table: SEARCH_TABLE, level: 'searchWrite' },
    // Feeds and sitemaps, derived from the live snapshots' records: their own partitions only.
    { table: CONTENT_TABLE, level: 'syndicationWrite', leadingKeys: syndicationKeys.writablePatterns },
    // Published fronts, resolved again from the same records: their resolved items only.
    { table: CONTENT_TABLE, level: 'frontsWrite', leadingKeys: frontKeys.relayWritable },
    // Renames reaching stored articles: a section's articles found by the admin list's index.
    { table: CONTENT_TABLE, level: 'indexQuery', indexes: ['bySection'] },
    { table: CONTENT_TABLE, level: 'relabelWrite', leadingKeys: RELABEL_WRITABLE },
  ],
  // Touches no table: CloudFront only (infra/constructs/cdnPurge.ts).
  cdnPurge: [],
  adminMfaGate: [],
};

/** The index names a grant covers, or ['*'] for all; a name the definition lacks fails synth. */
export function grantedIndexes(grant: TableGrant): readonly string[] {
  if (!grant.indexes) return ['*'];
  for (const name of grant.indexes) {
    if (!grant.table.indexes.some((index) => index.name === name)) {
      throw new Error(`Table ${grant.table.id} has no index ${name}`);
    }
  }
  return grant.indexes;
}
