import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock, ulidFactory } from '../../shared/clock.ts';
import { problemResponse } from '../../shared/http/problem.ts';
import { type Comments, createComments } from '../../shared/services/comments/index.ts';
import type { ArticleStore } from '../../shared/store/articleStore.ts';
import { keys } from '../../shared/store/keys.ts';
import { TransactionBusy } from '../../shared/store/transactions.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/*
 * DynamoDB Local runs transactions one at a time, so it never cancels one for a conflict or for
 * throttling the way DynamoDB does under load. These tests inject exactly those cancellations in
 * front of the real DynamoDB Local client (the only mock in this file) and check that the stores
 * retry conflicts, report throttling as "try again later", and still commit or refuse exactly.
 */

let env: TestEnv;
let db: DynamoDBDocumentClient;
let store: ArticleStore;
let service: Newsroom;
let comments: Comments;

/** Codes to cancel the next TransactWriteItems calls with, one entry per call; empty lets them through. */
let cancelNext: string[] = [];
let transactCalls = 0;
/** While set, every BatchGetItem comes back with all its keys unprocessed, as under throttling. */
let starveBatches = false;

const author: Principal = { sub: 'writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'A paragraph.', marks: [] }] }];

beforeAll(async () => {
  const fixture = await testNewsroom({ clock: systemClock, newId: ulidFactory() });
  ({ env, db, store, newsroom: service } = fixture);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchGetItemCommand' && starveBatches) {
        const input = args.input as { RequestItems: unknown };
        return {
          output: { Responses: {}, UnprocessedKeys: input.RequestItems, $metadata: {} },
          response: {},
        };
      }
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      transactCalls += 1;
      const code = cancelNext.shift();
      if (code === undefined) return next(args);
      const input = args.input as { TransactItems: unknown[] };
      throw new TransactionCanceledException({
        message: `Transaction cancelled (injected ${code})`,
        $metadata: { httpStatusCode: 400 },
        // DynamoDB names the code on the item that caused it and None on the others.
        CancellationReasons: input.TransactItems.map((_, i) => ({ Code: i === 0 ? code : 'None' })),
      });
    },
    { step: 'initialize', name: 'injectCancellations' },
  );
  comments = createComments({
    comments: fixture.commentStore,
    articles: store,
    clock: systemClock,
    newId: ulidFactory(),
    fingerprintSecret: 'test-fingerprint-key',
  });
});
afterAll(() => db?.destroy());
beforeEach(() => {
  inject([]);
  starveBatches = false;
});

/** Cancels the next transactions with these codes, and counts the calls from here. */
function inject(codes: string[]) {
  cancelNext = codes;
  transactCalls = 0;
}

async function liveArticle() {
  const a = await service.create(author, {
    title: `Quay works ${Math.random().toString(36).slice(2)}`,
    section: 'city',
    body,
  });
  return publishArticle(service, author, editor, a);
}

const workingVersion = async (id: string) =>
  (
    await db.send(
      new GetCommand({ TableName: env.contentTable, Key: keys.working(id), ConsistentRead: true }),
    )
  ).Item?.version;

describe('an article write that meets a concurrent transaction', () => {
  it('retries the conflict and commits once', async () => {
    const draft = await service.create(author, { title: 'Harbour dredging', section: 'city', body });
    inject(['TransactionConflict', 'TransactionConflict']);
    const updated = await service.patch(author, draft.id, draft.version, {
      title: 'Harbour dredging resumes',
    });
    expect(transactCalls).toBe(3);
    expect(updated.version).toBe(draft.version + 1);
    expect(await workingVersion(draft.id)).toBe(draft.version + 1);
  });

  it('gives up after a bounded number of attempts with a 503 and Retry-After, writing nothing', async () => {
    const draft = await service.create(author, { title: 'Ferry timetable', section: 'city', body });
    inject(Array(10).fill('TransactionConflict'));
    const error = await service
      .patch(author, draft.id, draft.version, { title: 'Ferry timetable changes' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionBusy);
    expect(transactCalls).toBe(4);
    const reply = problemResponse(error, 'req-1');
    expect(reply.statusCode).toBe(503);
    expect(reply.headers?.['Retry-After']).toBeDefined();
    expect(await workingVersion(draft.id)).toBe(draft.version);
  });

  it('answers throttling with 503, not a 412 that would send the editor to reload for nothing', async () => {
    const draft = await service.create(author, { title: 'Lighthouse repairs', section: 'city', body });
    inject(['ThrottlingError']);
    const error = await service
      .patch(author, draft.id, draft.version, { title: 'Lighthouse' })
      .catch((e: unknown) => e);
    expect(transactCalls).toBe(1);
    expect(problemResponse(error, 'req-2').statusCode).toBe(503);
    expect(await workingVersion(draft.id)).toBe(draft.version);
  });

  it('still answers a stale version with 412 after retrying a conflict', async () => {
    const draft = await service.create(author, { title: 'Beach huts', section: 'city', body });
    await service.patch(author, draft.id, draft.version, { title: 'Beach huts for hire' });
    inject(['TransactionConflict']);
    const error = await service
      .patch(author, draft.id, draft.version, { title: 'Beach huts sold' })
      .catch((e: unknown) => e);
    expect(problemResponse(error, 'req-3').statusCode).toBe(412);
  });
});

describe('a comment that meets a concurrent transaction', () => {
  it('is stored and counted once after a conflict, not answered with a 500', async () => {
    await comments.updateSettings(editor, { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
    const article = await liveArticle();
    inject(['TransactionConflict']);
    const posted = await comments.submit(
      article.slug,
      { authorName: 'Pier reader', body: 'Good to see the quay finished.' },
      { ip: '192.0.2.10', userAgent: 'Conflicted/1' },
    );
    expect(posted.status).toBe('approved');
    expect(transactCalls).toBe(2);
    expect((await store.getSnapshot(article.slug, true))?.commentCount).toBe(1);
  });

  it('retries a moderation that conflicted, and counts the approval once', async () => {
    await comments.updateSettings(editor, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
    const article = await liveArticle();
    const posted = await comments.submit(
      article.slug,
      { authorName: 'Harbour reader', body: 'When does the market return?' },
      { ip: '192.0.2.11', userAgent: 'Conflicted/2' },
    );
    inject(['TransactionConflict']);
    const moderator: Principal = { sub: 'mo', roles: new Set(['moderator']) };
    const [result] = await comments.moderateMany(moderator, [posted.id], { action: 'approve' });
    expect(result?.status).toBe(200);
    expect((await store.getSnapshot(article.slug, true))?.commentCount).toBe(1);
  });
});

describe('a comment submission whose reads DynamoDB keeps leaving unprocessed', () => {
  it('answers 503 with Retry-After after its retries and stores nothing', async () => {
    await comments.updateSettings(editor, { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
    const article = await liveArticle();
    inject([]);
    starveBatches = true;
    const error = await comments
      .submit(
        article.slug,
        { authorName: 'Throttled reader', body: 'Is the ferry running today?' },
        { ip: '192.0.2.12', userAgent: 'Throttled/1' },
      )
      .catch((e: unknown) => e);
    starveBatches = false;
    const reply = problemResponse(error, 'req-4');
    expect(reply.statusCode).toBe(503);
    expect(reply.headers?.['Retry-After']).toBeDefined();
    expect(transactCalls).toBe(0);
    expect((await store.getSnapshot(article.slug, true))?.commentCount ?? 0).toBe(0);
  });
});
