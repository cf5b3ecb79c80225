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
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/**
 * The thread move of a story whose slug changed (shared/store/threadMove.ts), on DynamoDB Local:
 * bounded per call, resumable after a stop, idempotent, nothing left behind or lost.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let newsroom: Newsroom;
/** While set, every comment update fails as a throttled write would (the move's only write). */
let failCommentUpdates = false;
const clock: Clock = { now: () => new Date() };
const newId = ulidFactory();

beforeAll(async () => {
  ({ env, db, newsroom } = await testNewsroom({ clock, newId }));
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      if (
        failCommentUpdates &&
        context.commandName === 'UpdateItemCommand' &&
        input.TableName === env.commentsTable
      )
        throw Object.assign(new Error('Injected: the comments table refused the write'), {
          name: 'ProvisionedThroughputExceededException',
        });
      return next(args);
    },
    { step: 'initialize', name: 'failCommentUpdates' },
  );
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

/** The comments a slug's public thread lists (not the bounds the publication writes around them). */
const threadComments = async (slug: string) =>
  (await queryAll(db, indexQuery(COMMENTS_TABLE, env.commentsTable, commentPartitions.thread(slug)))).filter(
    (item) => item.sk === 'COMMENT',
  ).length;

/** Comments written as the store keeps them, with their index values. */
const storeComments = (items: StoredComment[]) =>
  batchPut(
    db,
    env.commentsTable,
    items.map((c) => ({
      ...commentKeys.comment(c.id),
      type: ITEM_TYPES.comment,
      ...c,
      ...commentIndexValues(c),
    })),
  );

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
    await storeComments(items);
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

  it("a move that failed is finished by the story's next publication, with no further slug change", async () => {
    const author = { sub: 'mover', roles: new Set(['author'] as const) };
    const editor = { sub: 'desk', roles: new Set(['editor'] as const) };
    const draft = await newsroom.create(author, {
      title: `Thread that waits ${newId(new Date())}`,
      section: 'city',
      body: [{ type: 'paragraph', text: [{ text: 'A story readers discuss.', marks: [] }] }],
    });
    const live = await publishArticle(newsroom, author, editor, draft);
    const from = live.slug;
    const items = [0, 1, 2].map((i) => comment(live.id, from, i * 10, null));
    await storeComments(items);
    // The publication that moves the story commits; its thread move fails (logged, not thrown).
    failCommentUpdates = true;
    const renamed = await newsroom.patch(author, live.id, live.version, { slug: `${from}-moved` });
    let moved: Awaited<ReturnType<typeof publishArticle>>;
    try {
      moved = await publishArticle(newsroom, author, editor, renamed);
    } finally {
      failCommentUpdates = false;
    }
    expect(moved.slug).toBe(`${from}-moved`);
    expect(await threadComments(from)).toBe(3);
    // An edit published later, the slug unchanged, finishes the move.
    const edited = await newsroom.patch(author, moved.id, moved.version, { standfirst: 'Updated at noon.' });
    await publishArticle(newsroom, author, editor, edited);
    expect(await threadComments(from)).toBe(0);
    expect(await threadComments(`${from}-moved`)).toBe(3);
  });
});
