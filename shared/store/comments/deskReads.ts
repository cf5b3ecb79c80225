import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { COMMENT_LIMITS, type CommentStatus } from '../../schemas/facts.ts';
import { batchGetTables } from '../batch.ts';
import { commentIndexValues, commentPartitions } from '../commentKeys.ts';
import type { CommentStore, StoredComment } from '../commentStore.ts';
import type { PageKey } from '../cursor.ts';
import type { IndexPartition } from '../keys.ts';
import { parse } from '../model.ts';
import { indexQuery, type Page, pageKeyOf } from '../query.ts';
import { COMMENTS_TABLE } from '../tables.ts';

/** A queue's size: exact up to the cap, `complete: false` beyond it (shown as "500+"). */
export interface QueueCount {
  count: number;
  complete: boolean;
}

/**
 * What the moderators' desk reads: a queue's page, how many comments wait in each queue, and a
 * commenter's other comments. Reads only, on the indexes the queues have.
 */
export class DeskReads {
  constructor(private readonly comments: CommentStore) {}

  /** The moderation queue: pending oldest first, decided comments newest first. */
  async queue(
    filter: { status: CommentStatus; articleId?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<StoredComment>> {
    const result = await this.comments.db.send(
      new QueryCommand({
        ...indexQuery(COMMENTS_TABLE, this.comments.tableName, commentPartitions.queue(filter)),
        ScanIndexForward: filter.status === 'pending',
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(parse.comment), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }

  /**
   * The pending, reported and spam queues' sizes: one Query each (Select COUNT, in parallel), on
   * the index its tab lists, reading at most COMMENT_LIMITS.queueCountCap entries (or DynamoDB's
   * 1 MB page, whichever comes first). Nothing on the write path: no counter to keep in step,
   * and a count that cannot drift. Its price is read units by the size of what it counts, so the
   * cap bounds it: at 1 KB a comment, 500 comments are 63 read units (eventually consistent).
   */
  async counts(articleId: string | undefined): Promise<Record<'pending' | 'reported' | 'spam', QueueCount>> {
    const [pending, reported, spam] = await Promise.all([
      this.count(commentPartitions.queue({ status: 'pending', articleId })),
      this.count(commentPartitions.reported),
      this.count(commentPartitions.queue({ status: 'spam', articleId })),
    ]);
    return { pending, reported, spam };
  }

  private async count(partition: IndexPartition<typeof COMMENTS_TABLE>): Promise<QueueCount> {
    const cap = COMMENT_LIMITS.queueCountCap;
    const result = await this.comments.db.send(
      new QueryCommand({
        ...indexQuery(COMMENTS_TABLE, this.comments.tableName, partition),
        Select: 'COUNT',
        Limit: cap,
      }),
    );
    const count = result.Count ?? 0;
    return { count, complete: result.LastEvaluatedKey === undefined };
  }

  /**
   * The comments whoever wrote `comment` posted before it, newest first, whatever their status
   * and article: by the keyed hash of their email when they gave one (from any client), else by
   * their client. Two requests a page: a Query of the keys-only index (byCommenter or byClient)
   * below the comment's own place in it, then one BatchGetItem of those comments. The indexes
   * stay keys-only: a decision then rewrites no entry of theirs, where projecting the status
   * would add a write to every decision.
   */
  async history(
    comment: StoredComment,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<StoredComment>> {
    const partition = comment.emailHash
      ? commentPartitions.byCommenter(comment.emailHash)
      : commentPartitions.byClient(comment.fingerprint);
    const query = indexQuery(COMMENTS_TABLE, this.comments.tableName, partition);
    const result = await this.comments.db.send(
      new QueryCommand({
        ...query,
        KeyConditionExpression: `${query.KeyConditionExpression} AND #created < :created`,
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#created': 'gsiCreated' },
        ExpressionAttributeValues: {
          ...query.ExpressionAttributeValues,
          ':created': commentIndexValues(comment).gsiCreated,
        },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const entries = result.Items ?? [];
    const lastKey = pageKeyOf(result.LastEvaluatedKey);
    if (entries.length === 0) return { items: [], lastKey };
    const found = await batchGetTables(this.comments.db, {
      [this.comments.tableName]: { keys: entries.map((e) => ({ pk: e.pk, sk: e.sk })) },
    });
    const items = (found[this.comments.tableName] ?? []).map(parse.comment);
    return { items, lastKey };
  }
}
