import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { batchPut } from '../../shared/store/batch.ts';
import { commentIndexValues, commentKeys, commentPartitions } from '../../shared/store/commentKeys.ts';
import type { StoredComment } from '../../shared/store/commentModel.ts';
import { type IndexPartition, ITEM_TYPES } from '../../shared/store/keys.ts';
import { indexQuery, queryAll } from '../../shared/store/query.ts';
import { COMMENTS_TABLE } from '../../shared/store/tables.ts';
import { moveThread } from '../../shared/store/threadMove.ts';
import type { TestEnv } from '../support/env.ts';
import { testNewsroom } from '../support/newsroom.ts';

/**
 * The thread move of a story whose slug changed (shared/store/threadMove.ts), on DynamoDB Local:
 * bounded per call, resumable after a stop, idempotent, nothing left behind or lost.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
const clock: Clock = { now: () => new Date() };
const newId = ulidFactory();

beforeAll(async () => {
  ({ env, db } = await testNewsroom({ clock, newId }));
});
afterAll(() => db?.destroy());

function comment(articleId: string, slug: string, i: number, parentId: string | null): StoredComment {
  return {
    id: newId(new Date()),
    articleId,
    articleSlug: slug,
    articleTitle: 'Moved story',
    parentId,
    depth: parentId ? 1 : 0,
    authorName: `Reader ${i}`,
    authorEmail: null,
    body: `Comment ${i}`,
    status: i % 10 === 9 ? 'pending' : 'approved',
    createdAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(),
    fingerprint: 'fp',
    flags: [],
    moderation: [],
    reportCount: 0,
    featured: i % 5 === 0,
    replyCount: 0,
    trustCounted: false,
  } as unknown as StoredComment;
}

const partitionCount = async (partition: IndexPartition<typeof COMMENTS_TABLE>) =>
  (await queryAll(db, indexQuery(COMMENTS_TABLE, env.commentsTable, partition))).length;

describe('moving a thread to a new slug', () => {
  // 25 comments in steps of 10 (10, 10, 5): the same bounded, resumable steps as 250 in steps of
  // 100, each comment still one conditional update.
  it('moves 25 comments in bounded steps, resumes, and a re-run changes nothing', async () => {
    const articleId = newId(new Date());
    const [from, to] = [`old-${articleId.toLowerCase()}`, `new-${articleId.toLowerCase()}`];
    const items: StoredComment[] = [];
    for (let i = 0; i < 25; i += 1) {
      const parent = i % 5 === 4 ? (items[i - 1]?.id ?? null) : null;
      items.push(comment(articleId, from, i, parent));
    }
    await batchPut(
      db,
      env.commentsTable,
      items.map((c) => ({
        ...commentKeys.comment(c.id),
        type: ITEM_TYPES.comment,
        ...c,
        ...commentIndexValues(c),
      })),
    );
    const topShown = await partitionCount(commentPartitions.thread(from));
    const featured = await partitionCount(commentPartitions.featured(from));
    expect(topShown).toBeGreaterThan(15);

    const article = { id: articleId, slug: to, earlier: [from] };
    // Interrupted after 10, then 10 more: each call resumes where the last stopped.
    expect(await moveThread(db, env.commentsTable, article, 10)).toEqual({ moved: 10, left: true });
    expect(await moveThread(db, env.commentsTable, article, 10)).toEqual({ moved: 10, left: true });
    expect(await moveThread(db, env.commentsTable, article, 10)).toEqual({ moved: 5, left: false });
    // Idempotent: nothing left to move.
    expect(await moveThread(db, env.commentsTable, article, 10)).toEqual({ moved: 0, left: false });

    expect(await partitionCount(commentPartitions.thread(from))).toBe(0);
    expect(await partitionCount(commentPartitions.featured(from))).toBe(0);
    expect(await partitionCount(commentPartitions.thread(to))).toBe(topShown);
    expect(await partitionCount(commentPartitions.featured(to))).toBe(featured);
    const replyParent = items[3]?.id ?? '';
    expect(await partitionCount(commentPartitions.replies(to, replyParent))).toBe(1);
    const all = await Promise.all(
      (['pending', 'approved'] as const).map((status) =>
        queryAll(
          db,
          indexQuery(COMMENTS_TABLE, env.commentsTable, commentPartitions.queue({ status, articleId })),
        ),
      ),
    );
    expect(all.flat().map((c) => c.articleSlug)).toEqual(Array(25).fill(to));
  });
});
