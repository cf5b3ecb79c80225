import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ModerationRecord } from '../../schemas/comment.ts';
import type { ReportReason } from '../../schemas/facts.ts';
import { batchGetTables } from '../batch.ts';
import { commentKeys, commentPartitions, reportedIndexValues } from '../commentKeys.ts';
import type { CommentStore, StoredComment } from '../commentStore.ts';
import type { PageKey } from '../cursor.ts';
import { ITEM_TYPES } from '../keys.ts';
import { parse } from '../model.ts';
import { indexQuery, type Page, pageKeyOf, type TransactItem } from '../query.ts';
import { COMMENTS_TABLE } from '../tables.ts';
import { TransactionRefused, transactWrite } from '../transactions.ts';
import { type CountTargets, deltasOf, followItems, tombstoneItems } from './counts.ts';
import { withReport } from './reportSummary.ts';
import { moderationUpdate, withRecord } from './transitions.ts';

export interface ReaderReport {
  /** Who reports, as reports count them: the keyed hash of their address (see addressHash). */
  reader: string;
  reason: ReportReason;
  text: string | null;
  at: string;
}

/**
 * What one report does to the comment, decided from the comment as read; the transaction is
 * conditioned on exactly that state, so a concurrent report makes it refuse (and the service reads
 * again) instead of counting on a stale number.
 * - `count`: an approved comment stays up, one more open report (its reported-queue rank moves);
 * - `hold`: this report reaches the threshold: back to pending, off the public count, exactly once;
 * - `late`: the comment is no longer approved (held by an earlier report, or decided while this
 *   reader was reading): the report still counts, nothing else moves.
 */
export type ReportPlan =
  | { kind: 'count' }
  | { kind: 'late' }
  | { kind: 'hold'; record: ModerationRecord; targets: CountTargets };

export type ReportRefusal = 'alreadyReported' | 'flood' | 'changed';

export class ReportRefused extends Error {
  constructor(
    readonly refusal: ReportRefusal,
    readonly retryAfterSeconds = 0,
  ) {
    super(refusal);
  }
}

/** How many reports an address may make, and in which window (see REPORT_LIMITS). */
export interface ReportWindow {
  start: number;
  end: number;
  max: number;
}

/** Reader reports: one marker item per reader (address) and comment, the count on the comment itself. */
export class ReportStore {
  constructor(private readonly comments: CommentStore) {}

  /**
   * The comment and the reader's ban markers (see CommenterStore.banKeys), strongly consistent,
   * in one BatchGetItem: a ban check costs a report no request of its own.
   */
  async readWithMarkers(
    commentId: string,
    markerKeys: readonly { pk: string; sk: string }[],
  ): Promise<{ comment: StoredComment | null; markers: Record<string, unknown>[] }> {
    const key = commentKeys.comment(commentId);
    const table = this.comments.tableName;
    const found = await batchGetTables(this.comments.db, {
      [table]: { keys: [key, ...markerKeys], consistent: true },
    });
    const items = found[table] ?? [];
    const item = items.find((i) => i.pk === key.pk && i.sk === key.sk);
    return { comment: item ? parse.comment(item) : null, markers: items.filter((i) => i !== item) };
  }

  async add(
    comment: StoredComment,
    report: ReaderReport,
    plan: ReportPlan,
    guards: { nowEpoch: number; window: ReportWindow },
  ): Promise<void> {
    const table = this.comments.tableName;
    const key = commentKeys.comment(comment.id);
    const n = comment.reportCount;
    const next = n + 1;
    // What readers said, kept on the comment beside the count and written on the same condition
    // (the count as read), so a concurrent report refuses this one instead of being overwritten.
    const summary = withReport(comment.reportSummary, report);
    // The count as read: absent on comments stored before reports existed.
    const sameCount =
      n === 0 ? '(attribute_not_exists(reportCount) OR reportCount = :n)' : 'reportCount = :n';
    const names = { '#status': 'status' };
    let update: TransactItem & { Update: NonNullable<TransactItem['Update']> };
    let held: StoredComment | null = null;
    let tombstone: ReturnType<typeof tombstoneItems> = { items: [] };
    if (plan.kind === 'late') {
      update = {
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: 'SET reportCount = :next, reportSummary = :summary',
          ConditionExpression: `attribute_exists(pk) AND #status <> :approved AND ${sameCount}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':next': next, ':n': n, ':summary': summary, ':approved': 'approved' },
        },
      };
    } else if (plan.kind === 'count') {
      const rank = reportedIndexValues({ ...comment, status: 'approved', reportCount: next });
      update = {
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression:
            'SET reportCount = :next, reportSummary = :summary, gsiReported = :listed, gsiReportRank = :rank',
          ConditionExpression: `#status = :approved AND ${sameCount}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':next': next,
            ':n': n,
            ':summary': summary,
            ':approved': 'approved',
            ':listed': rank.gsiReported,
            ':rank': rank.gsiReportRank,
          },
        },
      };
    } else {
      // Held back: pending, off the reported queue, no longer featured, the system's log entry;
      // on condition of the comment's version and the count read.
      held = withRecord(
        {
          ...comment,
          status: 'pending',
          featured: false,
          reportCount: next,
          reportSummary: summary,
          flags: [...comment.flags, `reports:${next}`],
        },
        comment,
        plan.record,
      );
      // A top-level comment with approved replies leaves its tombstone in the thread.
      tombstone = tombstoneItems(table, comment, held);
      update = {
        Update: {
          TableName: table,
          Key: key,
          ...moderationUpdate(comment, held, {
            condition: [
              `#held = :approved AND ${sameCount.replaceAll('reportCount', '#count')}`,
              tombstone.condition?.condition,
            ]
              .filter(Boolean)
              .join(' AND '),
            values: { ':approved': 'approved', ':n': n, ...tombstone.condition?.values },
          }),
        },
      };
      update.Update.ExpressionAttributeNames = {
        ...update.Update.ExpressionAttributeNames,
        '#held': 'status',
        '#count': 'reportCount',
      };
    }
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table,
          Item: {
            ...commentKeys.report(comment.id, report.reader),
            type: ITEM_TYPES.report,
            commentId: comment.id,
            reason: report.reason,
            ...(report.text ? { text: report.text } : {}),
            reportedAt: report.at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      update,
      ...tombstone.items,
    ];
    // The address's count in this window, in the same transaction: a refused report counts nothing.
    const floodIndex = items.length;
    items.push({
      Update: {
        TableName: table,
        Key: commentKeys.reportWindow(report.reader, guards.window.start),
        UpdateExpression: 'SET expiresAt = :end ADD #reports :one',
        ConditionExpression: 'attribute_not_exists(#reports) OR #reports < :max',
        ExpressionAttributeNames: { '#reports': 'reports' },
        ExpressionAttributeValues: { ':end': guards.window.end, ':one': 1, ':max': guards.window.max },
      },
    });
    if (plan.kind === 'hold' && held)
      followItems(this.comments, items, plan.targets, deltasOf(comment, held));
    try {
      // Many readers report a viral comment at once: conflicts are retried here a few times, and
      // refusals on a moved count by the service, which reads the comment again.
      await transactWrite(this.comments.db, items, { attempts: 6, baseDelayMs: 10 });
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(0)) throw new ReportRefused('alreadyReported');
      if (error.failed(floodIndex)) {
        throw new ReportRefused('flood', Math.max(1, guards.window.end - guards.nowEpoch));
      }
      // The comment's count or status moved, or the article went live or dark: read again.
      throw new ReportRefused('changed');
    }
  }

  /** The reported queue: one Query on the sparse byReported index, highest count first. */
  async listReported(limit: number, startKey: PageKey | undefined): Promise<Page<StoredComment>> {
    const result = await this.comments.db.send(
      new QueryCommand({
        ...indexQuery(COMMENTS_TABLE, this.comments.tableName, commentPartitions.reported),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(parse.comment), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }
}
