import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { threadHeaders, threadStateOf } from '../../../shared/store/commentKeys.ts';
import { keys } from '../../../shared/store/keys.ts';
import { parse, type StoredSnapshot } from '../../../shared/store/model.ts';
import type { TransactItem } from '../../../shared/store/query.ts';
import { TransactionBusy, TransactionRefused, transactWrite } from '../../../shared/store/transactions.ts';
import { scanPages } from './scanPages.ts';

/**
 * Backfill for articles live since before the thread's headers and state item (keys.ts
 * threadHeaders, threadState): each live snapshot gets both headers (so its thread's first page is
 * one Query) and a whole state item saying what the snapshot says about comments (so a held
 * submission checks 1 unit instead of the article). A paged Scan of the content table's live
 * snapshots; each article's items are written in one transaction conditioned on the snapshot as
 * read (its version and when comments close), so a publication, an unpublication or a close
 * meanwhile is never undone: the snapshot is read again and the article redone.
 *
 * Idempotent: an article whose headers exist and whose state item already matches is skipped, so
 * a second run writes nothing. Resumable: each page reports a cursor (`next`) to start from.
 */
export const THREAD_HEADERS_MIGRATION = 'thread-headers';

export interface ThreadHeadersOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  commentsTable: string;
  /** Items read per Scan page (most of a page is not a snapshot: the Scan filters). */
  pageSize?: number;
  /** Where a stopped run left off (a `next` it printed); from the start without. */
  from?: string | undefined;
  /** Stop after this many pages (the report's `next` says where to go on). */
  maxPages?: number;
  log?: (line: string) => void;
}

export interface ThreadHeadersReport {
  /** Live snapshots read. */
  live: number;
  /** Articles whose headers or state item were written. */
  written: number;
  pages: number;
  /** Where to resume (`--from`); null once done. */
  next: string | null;
}

const ATTEMPTS = 6;

export async function backfillThreadHeaders(options: ThreadHeadersOptions): Promise<ThreadHeadersReport> {
  const report = { live: 0, written: 0 };
  const run = await scanPages({
    ...options,
    name: THREAD_HEADERS_MIGRATION,
    scan: {
      TableName: options.contentTable,
      FilterExpression: 'sk = :live',
      ExpressionAttributeValues: { ':live': keys.liveSnapshot('').sk },
      ConsistentRead: true,
    },
    each: async (item) => {
      report.live += 1;
      if (await backfillOne(options, item)) report.written += 1;
    },
  });
  if (run.next === null) {
    options.log?.(
      `${THREAD_HEADERS_MIGRATION}: done (${report.written} of ${report.live} live articles written)`,
    );
  }
  return { ...report, ...run };
}

/** Writes the article's headers and whole state item unless they are there; redone if it moved. */
async function backfillOne(options: ThreadHeadersOptions, first: Record<string, unknown>): Promise<boolean> {
  let item: Record<string, unknown> | undefined = first;
  for (let attempt = 0; attempt < ATTEMPTS && item; attempt += 1) {
    const snapshot = parse.snapshot(item);
    const headers = threadHeaders(snapshot.slug);
    const state = threadStateOf(snapshot);
    const found = await options.db.send(
      new BatchGetCommand({
        RequestItems: {
          [options.commentsTable]: {
            Keys: [...headers, state].map(({ pk, sk }) => ({ pk, sk })),
            ConsistentRead: true,
          },
        },
      }),
    );
    const existing = found.Responses?.[options.commentsTable] ?? [];
    const has = (sk: string) => existing.find((i) => i.sk === sk);
    const storedState = has(state.sk);
    const stateMatches =
      storedState?.commentsEnabled === state.commentsEnabled &&
      (storedState?.commentsCloseAt ?? null) === state.commentsCloseAt &&
      'commentsCloseAt' in (storedState ?? {});
    if (headers.every((h) => has(h.sk)) && stateMatches) return false;
    const items: TransactItem[] = [
      snapshotAsRead(options.contentTable, snapshot, typeof item.commentsEnabled === 'boolean'),
      ...headers.map((header) => ({ Put: { TableName: options.commentsTable, Item: header } })),
      { Put: { TableName: options.commentsTable, Item: state } },
    ];
    try {
      await transactWrite(options.db, items);
      return true;
    } catch (error) {
      // Published again, unpublished or closed meanwhile (or busy): read the snapshot again.
      if (!(error instanceof TransactionRefused) && !(error instanceof TransactionBusy)) throw error;
      const again = await options.db.send(
        new GetCommand({
          TableName: options.contentTable,
          Key: keys.liveSnapshot(snapshot.slug),
          ConsistentRead: true,
        }),
      );
      item = again.Item;
    }
  }
  if (!item) return false; // unpublished meanwhile: going dark removed what there was
  throw new Error(`article ${String(first.id)} kept changing; run the migration again`);
}

/**
 * The snapshot still as read: same version, comments enabled and closing as then. A snapshot with
 * no `commentsEnabled` at all (the oldest) reads as false, as submissions take it.
 */
function snapshotAsRead(table: string, snapshot: StoredSnapshot, hasEnabled: boolean): TransactItem {
  const closeAt = snapshot.commentsCloseAt;
  return {
    ConditionCheck: {
      TableName: table,
      Key: keys.liveSnapshot(snapshot.slug),
      ConditionExpression: [
        'version = :version',
        hasEnabled ? 'commentsEnabled = :enabled' : 'attribute_not_exists(commentsEnabled)',
        closeAt === null
          ? '(attribute_not_exists(commentsCloseAt) OR attribute_type(commentsCloseAt, :null))'
          : 'commentsCloseAt = :closeAt',
      ].join(' AND '),
      ExpressionAttributeValues: {
        ':version': snapshot.version,
        ...(hasEnabled ? { ':enabled': snapshot.commentsEnabled } : {}),
        ...(closeAt === null ? { ':null': 'NULL' } : { ':closeAt': closeAt }),
      },
    },
  };
}
