import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ANALYZER_VERSION } from '../../../shared/search/analyzer.ts';
import { deskDocument, liveDocument } from '../../../shared/search/documents.ts';
import { DynamoSearchIndex } from '../../../shared/search/dynamoSearchIndex.ts';
import { ArticleReader } from '../../../shared/store/articleStore.ts';
import { keys } from '../../../shared/store/keys.ts';
import { parse } from '../../../shared/store/model.ts';
import { scanPages } from './scanPages.ts';

/**
 * Builds the search index from the content table: every live snapshot into readers' scope, every
 * working copy into the desk's, through the same index writer the relay uses. For existing data,
 * and after an analyzer change (ANALYZER_VERSION): a document indexed with another version is
 * rewritten whole. Idempotent: a document indexed as it is writes nothing, so a second run writes
 * nothing. Resumable: each page reports a cursor (`next`) to start from. It runs beside the relay
 * safely: both write what the content table holds, and the index diffs against what it has.
 */
export const REINDEX_SEARCH_MIGRATION = 'reindex-search';

export interface ReindexSearchOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  searchTable: string;
  pageSize?: number;
  from?: string | undefined;
  maxPages?: number;
  log?: (line: string) => void;
}

export interface ReindexSearchReport {
  analyzerVersion: number;
  /** Live snapshots and working copies read. */
  live: number;
  working: number;
  /** Documents whose index entries were written (the others were indexed as they are). */
  written: number;
  pages: number;
  next: string | null;
}

export async function reindexSearch(options: ReindexSearchOptions): Promise<ReindexSearchReport> {
  const index = new DynamoSearchIndex(options.db, options.searchTable);
  const articles = new ArticleReader(options.db, options.contentTable);
  const report = { analyzerVersion: ANALYZER_VERSION, live: 0, working: 0, written: 0 };
  const run = await scanPages({
    ...options,
    name: REINDEX_SEARCH_MIGRATION,
    scan: {
      TableName: options.contentTable,
      FilterExpression: 'sk IN (:live, :working)',
      ExpressionAttributeValues: { ':live': keys.liveSnapshot('').sk, ':working': keys.working('').sk },
      ConsistentRead: true,
    },
    each: async (item) => {
      if (item.sk === keys.liveSnapshot('').sk) {
        report.live += 1;
        if (await index.put(liveDocument(parse.snapshot(item)))) report.written += 1;
        return;
      }
      report.working += 1;
      // The head may not carry the words: read the copy whole (head and newest revision).
      const article = await articles.get(String(item.id));
      if (article && (await index.put(deskDocument(article)))) report.written += 1;
    },
  });
  return { ...report, ...run };
}
