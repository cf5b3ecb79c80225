import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { emailHash } from '../../../shared/services/comments/identity.ts';
import {
  commentIndexValues,
  commentKeys,
  commentPartitions,
  reportedIndexValues,
} from '../../../shared/store/commentKeys.ts';
import type { StoredComment } from '../../../shared/store/commentStore.ts';
import { tombstoneItem } from '../../../shared/store/comments/counts.ts';
import type { PageKey } from '../../../shared/store/cursor.ts';
import { parse } from '../../../shared/store/model.ts';
import { indexQuery, pageKeyOf, queryPages } from '../../../shared/store/query.ts';
import { COMMENTS_TABLE } from '../../../shared/store/tables.ts';
import { setAll } from '../../../shared/store/update.ts';

/**
 * Backfill for comments stored before the thread indexes (byReplies, byFeatured, byCommenter) and
 * one-level replies: such a comment has no `gsiTop`, `replyCount`, `featured`, `gsiFeatured` or
 * (if older still) `emailHash`, and a reply sits in the top-level thread (`<slug>#<status>`)
 * instead of under its parent. Two phases, each a paged Scan of the comments table:
 *
 * 1. `indexes`: every comment gets the index attributes the current code would write for it
 *    (shared/store/keys.ts), its `featured` flag (false if absent) and the keyed hash of its email;
 *    a reply moves under its parent. Each write is conditioned on the comment's status, version
 *    and report count as read, so a moderator's or a reader's write meanwhile is never undone (the
 *    comment is read again and redone).
 * 2. `replies`: every top-level comment's `replyCount` is set to the number of its approved
 *    replies (counted on byArticle, where phase 1 put them), on condition that it has not moved
 *    since read; one taken out of the thread with approved replies gets its tombstone.
 *
 * Idempotent: it computes what each item should be and writes only differences, so a second run
 * writes nothing. Resumable: each page reports a cursor (`next`) to start from.
 */
export const MIGRATION_NAME = 'comments-thread-indexes';

export interface BackfillOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  /** The fingerprint secret: emails are hashed with it, as submission does. */
  fingerprintSecret: string;
  /** Comments read per Scan page. */
  pageSize?: number;
  /** Where a stopped run left off (a `next` it printed); from the start without. */
  from?: string | undefined;
  /** Stop after this many pages (the report's `next` says where to go on). */
  maxPages?: number;
  /** Between the phases: the replies phase counts on an index, which follows the table shortly after. */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface BackfillReport {
  /** Comments read. */
  scanned: number;
  /** Comments whose index attributes, featured flag or email hash were written. */
  indexed: number;
  /** Top-level comments whose reply count was corrected. */
  replyCounts: number;
  /** Tombstones written for comments out of the thread with approved replies. */
  tombstones: number;
  pages: number;
  /** Where to resume (`--from`); null once both phases are done. */
  next: string | null;
}

type Phase = 'indexes' | 'replies';
interface Position {
  phase: Phase;
  key: PageKey | null;
}

export function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePosition(cursor: string): Position {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`--from ${cursor} is not a cursor this migration printed.`);
  }
  const v = value as Partial<Position>;
  if ((v.phase !== 'indexes' && v.phase !== 'replies') || (v.key !== null && typeof v.key !== 'object')) {
    throw new Error(`--from ${cursor} is not a cursor this migration printed.`);
  }
  return { phase: v.phase, key: v.key ?? null };
}

type Item = Record<string, unknown>;
const ATTEMPTS = 6;

export async function backfillCommentThreadIndexes(options: BackfillOptions): Promise<BackfillReport> {
  const { db, tableName } = options;
  const log = options.log ?? (() => {});
  const report: BackfillReport = {
    scanned: 0,
    indexed: 0,
    replyCounts: 0,
    tombstones: 0,
    pages: 0,
    next: null,
  };
  let position: Position = options.from ? decodePosition(options.from) : { phase: 'indexes', key: null };

  while (true) {
    if (options.maxPages !== undefined && report.pages >= options.maxPages) {
      report.next = encodePosition(position);
      return report;
    }
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :comment',
        ExpressionAttributeValues: { ':comment': commentKeys.comment('').sk },
        Limit: options.pageSize ?? 100,
        ExclusiveStartKey: position.key ?? undefined,
        ConsistentRead: true,
      }),
    );
    report.pages += 1;
    for (const item of page.Items ?? []) {
      if (position.phase === 'indexes') {
        report.scanned += 1;
        if (await indexOne(options, item)) report.indexed += 1;
      } else if (item.parentId === null || item.parentId === undefined) {
        const done = await countReplies(options, item);
        report.replyCounts += done.replyCount ? 1 : 0;
        report.tombstones += done.tombstone ? 1 : 0;
      }
    }
    const key = pageKeyOf(page.LastEvaluatedKey) ?? null;
    if (key) {
      position = { phase: position.phase, key };
    } else if (position.phase === 'indexes') {
      position = { phase: 'replies', key: null };
      log(`${MIGRATION_NAME}: indexes done (${report.indexed} of ${report.scanned} comments written)`);
      await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2_000));
    } else {
      log(
        `${MIGRATION_NAME}: reply counts done (${report.replyCounts} set, ${report.tombstones} tombstones)`,
      );
      return report;
    }
    log(`${MIGRATION_NAME}: page ${report.pages} done; resume with --from ${encodePosition(position)}`);
  }
}

/** The attributes the current code would have written for this comment. */
function wanted(c: StoredComment, stored: Item, secret: string): Item {
  return {
    featured: c.featured,
    ...commentIndexValues(c),
    ...reportedIndexValues(c),
    emailHash: c.emailHash ?? (c.authorEmail ? emailHash(secret, c.authorEmail) : undefined),
    // In byReplies from now on; the replies phase sets the real count of a top-level comment.
    replyCount: typeof stored.replyCount === 'number' ? stored.replyCount : 0,
  };
}

/** Writes what differs, conditioned on the comment as read; read again if it moved. */
async function indexOne(options: BackfillOptions, first: Item): Promise<boolean> {
  let item: Item | undefined = first;
  for (let attempt = 0; attempt < ATTEMPTS && item; attempt += 1) {
    const comment = parse.comment(item);
    const want = wanted(comment, item, options.fingerprintSecret);
    const current = item;
    const changed = Object.fromEntries(
      Object.entries(want).filter(([name, value]) => current[name] !== value),
    );
    if (Object.keys(changed).length === 0) return false;
    const update = setAll(changed);
    const sameVersion =
      comment.decisions === undefined ? 'attribute_not_exists(decisions)' : 'decisions = :decisions';
    const sameReports =
      comment.reportCount === 0
        ? '(attribute_not_exists(reportCount) OR reportCount = :reports)'
        : 'reportCount = :reports';
    try {
      await options.db.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: commentKeys.comment(comment.id),
          UpdateExpression: update.UpdateExpression,
          ConditionExpression: `#migrationStatus = :status AND ${sameVersion} AND ${sameReports}`,
          ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#migrationStatus': 'status' },
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ':status': comment.status,
            ':reports': comment.reportCount,
            ...(comment.decisions === undefined ? {} : { ':decisions': comment.decisions }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      item = await read(options, commentKeys.comment(comment.id));
    }
  }
  if (!item) return false; // erased meanwhile
  throw new Error(`comment ${String(first.id)} kept changing; run the migration again`);
}

/** A top-level comment's approved replies, counted on byArticle (COUNT pages, no items). */
async function approvedReplies(options: BackfillOptions, slug: string, id: string): Promise<number> {
  let total = 0;
  for await (const page of queryPages(options.db, {
    ...indexQuery(COMMENTS_TABLE, options.tableName, commentPartitions.replies(slug, id)),
    Select: 'COUNT',
  })) {
    total += page.Count ?? 0;
  }
  return total;
}

async function countReplies(
  options: BackfillOptions,
  first: Item,
): Promise<{ replyCount: boolean; tombstone: boolean }> {
  let item: Item | undefined = first;
  const done = { replyCount: false, tombstone: false };
  for (let attempt = 0; attempt < ATTEMPTS && item; attempt += 1) {
    const comment = parse.comment(item);
    const n = await approvedReplies(options, comment.articleSlug, comment.id);
    const stored = typeof item.replyCount === 'number' ? item.replyCount : undefined;
    try {
      if (stored !== n) {
        await options.db.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: commentKeys.comment(comment.id),
            UpdateExpression: 'SET replyCount = :n',
            ConditionExpression:
              stored === undefined ? 'attribute_not_exists(replyCount)' : 'replyCount = :stored',
            ExpressionAttributeValues: { ':n': n, ...(stored === undefined ? {} : { ':stored': stored }) },
          }),
        );
        done.replyCount = true;
      }
      if (comment.status !== 'approved' && n > 0) {
        const tombstone = await read(options, commentKeys.tombstone(comment.id));
        if (tombstone?.replyCount !== n) {
          await options.db.send(
            new PutCommand({
              TableName: options.tableName,
              Item: tombstoneItem({ ...comment, replyCount: n }),
              ConditionExpression: tombstone ? 'replyCount = :old' : 'attribute_not_exists(pk)',
              ...(tombstone ? { ExpressionAttributeValues: { ':old': tombstone.replyCount } } : {}),
            }),
          );
          done.tombstone = true;
        }
      }
      return done;
    } catch (error) {
      // A reply was decided meanwhile: count again.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      item = await read(options, commentKeys.comment(comment.id));
    }
  }
  if (!item) return done;
  throw new Error(`comment ${String(first.id)} kept changing; run the migration again`);
}

async function read(options: BackfillOptions, key: { pk: string; sk: string }): Promise<Item | undefined> {
  const { Item } = await options.db.send(
    new GetCommand({ TableName: options.tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
}
