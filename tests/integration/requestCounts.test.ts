import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { CommentService } from '../../shared/services/commentService.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore, SETTINGS_CACHE_MS } from '../../shared/store/commentStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * DynamoDB requests per operation, counted on the client's middleware stack while every request
 * still goes to DynamoDB Local: a counter, not a stand-in. The bounds are what a reader or an
 * editor pays in latency and what the table bills.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
const sent: string[] = [];
let newsroom: ReturnType<typeof createNewsroom>;
let comments: CommentService;
let publicReads: PublicService;
const clock: Clock = { now: () => new Date() };
const author: Principal = { sub: 'counted-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'counted-desk', roles: new Set(['editor']) };
const moderator: Principal = { sub: 'counted-moderator', roles: new Set(['moderator']) };
const admin: Principal = { sub: 'counted-admin', roles: new Set(['admin']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Counted.', marks: [] }] }];
let clientNumber = 0;
/** A new client each time, so the flood guard never refuses a submission under test. */
const client = () => {
  clientNumber += 1;
  return { ip: `198.51.100.${clientNumber}`, userAgent: 'counted' };
};

/** Runs `work` and returns what it resolved to with the DynamoDB operations it sent. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  sent.length = 0;
  const result = await work();
  return { result, requests: [...sent] };
}

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'requestCounter' },
  );
  const store = new ArticleStore(db, env.contentTable);
  const commentStore = new CommentStore(db, env.commentsTable, env.contentTable);
  newsroom = createNewsroom({
    store,
    clock,
    newId: ulidFactory(),
    schedules: pollingSchedules,
  });
  comments = new CommentService({
    comments: commentStore,
    articles: store,
    clock,
    newId: ulidFactory(),
    fingerprintSecret: 'counted',
  });
  publicReads = new PublicService(store, commentStore);
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 30 });
});
afterAll(() => db?.destroy());
beforeEach(() => {
  sent.length = 0;
});

async function published(title: string): Promise<StoredArticle> {
  let a = await newsroom.create(author, { title, section: 'city', body });
  a = await newsroom.transition(author, a.id, a.version, { action: 'submit' });
  a = await newsroom.transition(editor, a.id, a.version, { action: 'approve' });
  return newsroom.transition(editor, a.id, a.version, { action: 'publish' });
}

describe('creating an article', () => {
  it('claims a free slug in one request, a taken one in two, each slug unique', async () => {
    const title = `Counted ferry timetable ${Date.now()}`;
    const first = await counted(() => newsroom.create(author, { title, section: 'city', body }));
    expect(first.requests).toEqual(['TransactWriteItems']);
    const second = await counted(() => newsroom.create(author, { title, section: 'city', body }));
    expect(second.requests).toEqual(['TransactWriteItems', 'TransactWriteItems']);
    expect(second.result.slug).toMatch(new RegExp(`^${first.result.slug}-[0-9a-z]{5}$`));
    const third = await counted(() => newsroom.create(author, { title, section: 'city', body }));
    expect(third.requests.length).toBeLessThanOrEqual(3);
    expect(new Set([first.result.slug, second.result.slug, third.result.slug]).size).toBe(3);
  });

  it('keeps long titles that only differ after the truncation apart, within three requests', async () => {
    const stem = `Council votes on the long-delayed harbour wall repairs after winter storms ${Date.now()}`;
    const a = await counted(() =>
      newsroom.create(author, { title: `${stem} in March`, section: 'city', body }),
    );
    const b = await counted(() =>
      newsroom.create(author, { title: `${stem} in April`, section: 'city', body }),
    );
    expect(b.requests.length).toBeLessThanOrEqual(3);
    expect(b.result.slug).not.toBe(a.result.slug);
    expect(b.result.slug.length).toBeLessThanOrEqual(80);
  });
});

describe('reader comments', () => {
  it('a submission is two requests (one BatchGetItem over both tables, one transaction) once settings are cached', async () => {
    const article = await published(`Counted tram stop ${Date.now()}`);
    const first = await counted(() =>
      comments.submit(article.slug, { authorName: 'Reader', body: 'First.' }, client()),
    );
    // A container's first submission may read the settings too, never more than once per bound.
    expect(first.requests.length).toBeLessThanOrEqual(3);
    const next = await counted(() =>
      comments.submit(
        article.slug,
        { authorName: 'Reader', authorEmail: 'counted@example.org', body: 'Second.' },
        client(),
      ),
    );
    expect(next.requests).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(next.result.status).toBe('pending');
    expect(SETTINGS_CACHE_MS).toBe(30_000);
  });

  it('a reply is two requests too: its parent comes in the same BatchGetItem', async () => {
    const article = await published(`Counted reply ${Date.now()}`);
    const { id } = await comments.submit(article.slug, { authorName: 'Reader', body: 'Parent.' }, client());
    await comments.moderate(moderator, id, { action: 'approve' });
    const { result, requests } = await counted(() =>
      comments.submit(article.slug, { authorName: 'Replier', body: 'A reply.', parentId: id }, client()),
    );
    expect(requests).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(result.status).toBe('pending');
  });

  it('a submission to no live article is one request and a 404', async () => {
    const missing = await counted(() =>
      comments
        .submit('no-such-article-counted', { authorName: 'Reader', body: 'Lost.' }, client())
        .catch((error: unknown) => error),
    );
    expect(missing.result).toMatchObject({ status: 404 });
    expect(missing.requests).toEqual(['BatchGetItem']);
  });

  it('a settings change made in this container applies to the next submission at once', async () => {
    const article = await published(`Counted bridge ${Date.now()}`);
    await comments.updateSettings(admin, { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 30 });
    try {
      const { result, requests } = await counted(() =>
        comments.submit(article.slug, { authorName: 'Reader', body: 'Straight in.' }, client()),
      );
      expect(result.status).toBe('approved');
      expect(requests.length).toBeLessThanOrEqual(3);
    } finally {
      await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 30 });
    }
  });

  it('approving on a live article is two requests, and the public count moves', async () => {
    const article = await published(`Counted market ${Date.now()}`);
    const { id } = await comments.submit(
      article.slug,
      { authorName: 'Reader', body: 'Approve me.' },
      client(),
    );
    const { requests } = await counted(() => comments.moderate(moderator, id, { action: 'approve' }));
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
    expect((await publicReads.getLive(article.slug)).article.commentCount).toBe(1);
    expect((await newsroom.get(editor, article.id)).commentCount).toBe(1);
  });

  it('approving after the article went dark is three requests and counts on the working copy only', async () => {
    const article = await published(`Counted pier ${Date.now()}`);
    const { id } = await comments.submit(article.slug, { authorName: 'Reader', body: 'Late.' }, client());
    await newsroom.transition(editor, article.id, article.version, { action: 'unpublish' });
    const { requests } = await counted(() => comments.moderate(moderator, id, { action: 'approve' }));
    expect(requests).toEqual(['GetItem', 'TransactWriteItems', 'TransactWriteItems']);
    expect((await newsroom.get(editor, article.id)).commentCount).toBe(1);
    await expect(publicReads.getLive(article.slug)).rejects.toThrow();
  });
});
