import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { COMMENT_LIMITS } from '../../shared/schemas/facts.ts';
import { type Comments, createComments } from '../../shared/services/comments/index.ts';
import { createReplyContext } from '../../shared/services/comments/replyContext.ts';
import type { StoredArticle } from '../../shared/store/articleStore.ts';
import { batchPut } from '../../shared/store/batch.ts';
import { commentIndexValues, commentKeys } from '../../shared/store/commentKeys.ts';
import type { StoredComment } from '../../shared/store/commentStore.ts';
import { ITEM_TYPES } from '../../shared/store/keys.ts';
import { publishArticle, testNewsroom } from '../support/newsroom.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * What the moderators' desk costs in DynamoDB requests, counted on the client's middleware stack
 * while every request still goes to DynamoDB Local, and the counts' cap.
 */
let db: DynamoDBDocumentClient;
let sent: string[] = [];
let comments: Comments;
let desk: Comments;
let article: StoredArticle;
let tableName: string;
let withReplyContext: ReturnType<typeof createReplyContext>;
const author: Principal = { sub: 'desk-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'desk-editor', roles: new Set(['editor']) };
const moderator: Principal = { sub: 'desk-moderator', roles: new Set(['moderator']) };
const admin: Principal = { sub: 'desk-admin', roles: new Set(['admin']) };
const newId = ulidFactory();

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  sent.length = 0;
  const result = await work();
  return { result, requests: [...sent] };
}

let client = 0;
const submit = (body: string, authorEmail?: string) => {
  client += 1;
  return comments.submit(
    article.slug,
    { authorName: 'Counted reader', body, ...(authorEmail ? { authorEmail } : {}) },
    { ip: `198.51.100.${client}`, userAgent: 'desk' },
  );
};

beforeAll(async () => {
  const fixture = await testNewsroom();
  ({ db } = fixture);
  tableName = fixture.env.commentsTable;
  sent = recordRequests(db);
  comments = createComments({
    comments: fixture.commentStore,
    articles: fixture.store,
    clock: { now: () => new Date() },
    newId,
    fingerprintSecret: 'desk',
  });
  desk = comments;
  withReplyContext = createReplyContext(fixture.commentStore);
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
  const body = [{ type: 'paragraph' as const, text: [{ text: 'Counted.', marks: [] }] }];
  article = await publishArticle(
    fixture.newsroom,
    author,
    editor,
    await fixture.newsroom.create(author, { title: 'Desk costs', section: 'city', body }),
  );
});
afterAll(() => db?.destroy());

describe("the moderators' desk in requests", () => {
  it('counts the three queues in three Queries, exact below the cap', async () => {
    await submit('One waiting.');
    const { result, requests } = await counted(() => desk.queueCounts(article.id));
    expect(requests).toEqual(['Query', 'Query', 'Query']);
    expect(result.pending).toEqual({ count: 1, complete: true });
  });

  it('a queue page is one Query; replies whose parent is not on it add one BatchGetItem', async () => {
    const top = await submit('What the replies answer.');
    await comments.moderate(moderator, top.id, { action: 'approve' });
    const reply = await comments.submit(
      article.slug,
      { authorName: 'Counted reader', body: 'An answer.', parentId: top.id },
      { ip: '198.51.100.250', userAgent: 'desk' },
    );
    const filter = { status: 'pending' as const, articleId: article.id };
    const page = await counted(async () => withReplyContext(await desk.queue(filter, 50, undefined)));
    expect(page.requests).toEqual(['Query', 'BatchGetItem']);
    expect(page.result.items.find((c) => c.id === reply.id)?.inReplyTo).toMatchObject({
      id: top.id,
      excerpt: 'What the replies answer.',
    });
    // The approved queue holds the parent itself: nothing more to read.
    const approved = await counted(async () =>
      withReplyContext(await desk.queue({ status: 'approved', articleId: article.id }, 50, undefined)),
    );
    expect(approved.requests).toEqual(['Query']);
  });

  it(`stops counting at ${COMMENT_LIMITS.queueCountCap} and says so, still one Query a queue`, async () => {
    // Written straight to the table (as the store would index them): the count is what is tested.
    const now = Date.now();
    const items = Array.from({ length: COMMENT_LIMITS.queueCountCap + 5 }, (_, i) => {
      const id = newId(new Date(now + i));
      const comment = {
        id,
        articleId: article.id,
        articleSlug: article.slug,
        status: 'pending',
        createdAt: new Date(now + i).toISOString(),
        parentId: null,
        featured: false,
      } as const;
      return {
        ...commentKeys.comment(id),
        type: ITEM_TYPES.comment,
        ...comment,
        ...commentIndexValues(comment),
      };
    });
    await batchPut(db, tableName, items);
    const { result, requests } = await counted(() => desk.queueCounts(article.id));
    expect(requests).toEqual(['Query', 'Query', 'Query']);
    expect(result.pending).toEqual({ count: COMMENT_LIMITS.queueCountCap, complete: false });
    // Writing 505 items (with their indexes) to DynamoDB Local beside other files took over 60 s at
    // CI: a timed-out write would go on in the background and be counted by the next test.
  }, 300_000);

  it("reads a page of a writer's history in three requests, and undoes a decision in two", async () => {
    const email = 'counted@example.org';
    const older = await submit('Earlier.', email);
    await submit('Earlier still? No: later.', email);
    const latest = await submit('Latest.', email);
    const page = await counted(() => desk.commenterHistory(latest.id, 5, undefined));
    expect(page.requests).toEqual(['GetItem', 'Query', 'BatchGetItem']);
    expect(page.result.items.map((c: StoredComment) => c.body)).toEqual([
      'Earlier still? No: later.',
      'Earlier.',
    ]);

    const approved = await comments.moderate(moderator, older.id, { action: 'approve' });
    const undone = await counted(() =>
      comments.undo(moderator, older.id, { decisions: approved.decisions ?? 0 }),
    );
    expect(undone.requests).toEqual(['GetItem', 'TransactWriteItems']);
    expect(undone.result.status).toBe('pending');
  });
});
