import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ANALYZER_VERSION } from '../../../shared/search/analyzer.ts';
import {
  commentDocument,
  deskDocument,
  liveDocument,
  mediaDocument,
} from '../../../shared/search/documents.ts';
import { DynamoSearchIndex } from '../../../shared/search/dynamoSearchIndex.ts';
import { ArticleReader } from '../../../shared/store/articleStore.ts';
import { commentKeys } from '../../../shared/store/commentKeys.ts';
import { keys } from '../../../shared/store/keys.ts';
import { mediaKeys } from '../../../shared/store/mediaKeys.ts';
import { parseMedia } from '../../../shared/store/mediaRecord.ts';
import { parse } from '../../../shared/store/model.ts';
import { scanPages } from './scanPages.ts';

/**
 * Builds the search index from the tables: every live snapshot into readers' scope, every working
 * copy into the desk's, every media record into the library's (content table), and every comment
 * into the moderators' (comments table, when given), through the same index writer the relay uses. For existing data,
 * and after an analyzer change (ANALYZER_VERSION): a document indexed with another version is
 * rewritten whole. Idempotent: a document indexed as it is writes nothing, so a second run writes
 * nothing. Resumable: each page reports a cursor (`next`) to start from; the comments table is
 * scanned second, and its cursors start with `comments.`. It runs beside the relay
 * safely: both write what the content table holds, and the index diffs against what it has.
 */
export const REINDEX_SEARCH_MIGRATION = 'reindex-search';

export interface ReindexSearchOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  searchTable: string;
  /** Without it, comments are not indexed (an operator who only rebuilds the articles' scopes). */
  commentsTable?: string | undefined;
  pageSize?: number;
  from?: string | undefined;
  maxPages?: number;
  log?: (line: string) => void;
}

export interface ReindexSearchReport {
  analyzerVersion: number;
  /** Live snapshots, working copies, media records and comments read. */
  live: number;
  working: number;
  media: number;
  comments: number;
  /** Documents whose index entries were written (the others were indexed as they are). */
  written: number;
  pages: number;
  next: string | null;
}

export async function reindexSearch(options: ReindexSearchOptions): Promise<ReindexSearchReport> {
  const index = new DynamoSearchIndex(options.db, options.searchTable);
  const articles = new ArticleReader(options.db, options.contentTable);
  const report = {
    analyzerVersion: ANALYZER_VERSION,
    live: 0,
    working: 0,
    media: 0,
    comments: 0,
    written: 0,
  };
  const inComments = options.from?.startsWith(COMMENTS_CURSOR) ?? false;
  const content = inComments
    ? { pages: 0, next: null }
    : await scanPages({
        ...options,
        name: REINDEX_SEARCH_MIGRATION,
        scan: {
          TableName: options.contentTable,
          FilterExpression: 'sk IN (:live, :working) OR (pk = :media AND begins_with(sk, :mediaPrefix))',
          ExpressionAttributeValues: {
            ':live': keys.liveSnapshot('').sk,
            ':working': keys.working('').sk,
            ':media': mediaKeys.mediaPartition,
            ':mediaPrefix': mediaKeys.mediaPrefix,
          },
          ConsistentRead: true,
        },
        each: async (item) => {
          if (item.pk === mediaKeys.mediaPartition) {
            report.media += 1;
            if (await index.put(mediaDocument(parseMedia(item)))) report.written += 1;
            return;
          }
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
  // Stopped within the content table (maxPages), or no comments table named: done here.
  if (content.next !== null || !options.commentsTable) return { ...report, ...content };
  const left = options.maxPages === undefined ? undefined : options.maxPages - content.pages;
  if (left === 0) return { ...report, pages: content.pages, next: COMMENTS_CURSOR };
  const comments = await scanPages({
    ...options,
    from: inComments ? options.from?.slice(COMMENTS_CURSOR.length) : undefined,
    maxPages: left,
    name: REINDEX_SEARCH_MIGRATION,
    cursorPrefix: COMMENTS_CURSOR,
    scan: {
      TableName: options.commentsTable,
      FilterExpression: 'sk = :comment',
      ExpressionAttributeValues: { ':comment': commentKeys.comment('').sk },
      ConsistentRead: true,
    },
    each: async (item) => {
      report.comments += 1;
      if (await index.put(commentDocument(parse.comment(item)))) report.written += 1;
    },
  });
  return { ...report, pages: content.pages + comments.pages, next: comments.next };
}

/** The start of a cursor that resumes the second scan, of the comments table. */
const COMMENTS_CURSOR = 'comments.';
