import { type DynamoDBDocumentClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PageKey } from '../../../shared/store/cursor.ts';
import { pageKeyOf } from '../../../shared/store/query.ts';

/** A resumable, paged Scan: what the migrations that visit one kind of item share. */
export interface ScanRunOptions {
  db: DynamoDBDocumentClient;
  /** The migration's name, for its log lines and errors. */
  name: string;
  /** The Scan without its paging: table, filter, consistency. */
  scan: Omit<ScanCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  /** Items read per Scan page (the filter applies after the page is read). */
  pageSize?: number | undefined;
  /** Where a stopped run left off (a cursor it printed); from the start without. */
  from?: string | undefined;
  /** Stop after this many pages (the result's `next` says where to go on). */
  maxPages?: number | undefined;
  log?: ((line: string) => void) | undefined;
  /**
   * Put before each cursor printed or returned: a migration that scans more than one table says
   * which of its scans a cursor resumes (and strips it before passing `from`).
   */
  cursorPrefix?: string | undefined;
  /** Handles one item the Scan returned. */
  each: (item: Record<string, unknown>) => Promise<void>;
  /** Runs once a page's items are handled, before its cursor is printed (batched writes). */
  afterPage?: (() => Promise<void>) | undefined;
}

export interface ScanRun {
  pages: number;
  /** Where to resume (`--from`); null once done. */
  next: string | null;
}

export const encodeCursor = (key: PageKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string, name: string): PageKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as PageKey;
  } catch {
    // falls through to the error below
  }
  throw new Error(`--from ${cursor} is not a cursor ${name} printed.`);
}

/** Scans page by page, handing each item to `each`, and logs after each page where to resume. */
export async function scanPages(options: ScanRunOptions): Promise<ScanRun> {
  const log = options.log ?? (() => {});
  let key = options.from ? decodeCursor(options.from, options.name) : undefined;
  let pages = 0;
  const cursorOf = (at: PageKey) => `${options.cursorPrefix ?? ''}${encodeCursor(at)}`;
  while (true) {
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      return { pages, next: key ? cursorOf(key) : null };
    }
    const page = await options.db.send(
      new ScanCommand({ ...options.scan, Limit: options.pageSize ?? 100, ExclusiveStartKey: key }),
    );
    pages += 1;
    for (const item of page.Items ?? []) await options.each(item);
    await options.afterPage?.();
    key = pageKeyOf(page.LastEvaluatedKey);
    if (!key) return { pages, next: null };
    log(`${options.name}: page ${pages} done; resume with --from ${cursorOf(key)}`);
  }
}
