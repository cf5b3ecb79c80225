import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillThreadHeaders } from '../../infra/ops/migrations/threadHeaders.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { createThreads } from '../../shared/services/comments/threads.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import type { StoredArticle } from '../../shared/store/articleStore.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import { CommentWrites } from '../../shared/store/comments/commentWrites.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * `npm run migrate -- thread-headers` on DynamoDB Local, over articles made to look published
 * before the thread's headers and state item existed (those items deleted). Afterwards each live
 * article has them, saying what its snapshot says, its thread's first page is one Query again, and
 * a second run writes nothing.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let newsroom: Newsroom;
let threads: ReturnType<typeof createThreads>;
let publicReads: PublicService;
let sent: string[] = [];
const clock: Clock = { now: () => new Date() };
const newId = ulidFactory();
const author: Principal = { sub: 'migrated-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'migrated-desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Migrated.', marks: [] }] }];

beforeAll(async () => {
  const fixture = await testNewsroom({ clock, newId });
  ({ env, db, newsroom } = fixture);
  sent = recordRequests(db);
  const { store, commentStore: comments } = fixture;
  threads = createThreads({ writes: new CommentWrites(comments), articles: store, clock, newId });
  publicReads = new PublicService(store, comments);
});
afterAll(() => db?.destroy());

async function published(title: string): Promise<StoredArticle> {
  const draft = await newsroom.create(author, { title: `${title} ${Date.now()}`, section: 'city', body });
  return publishArticle(newsroom, author, editor, draft);
}

const THREAD_ITEMS = (slug: string) => [
  commentKeys.threadHeader(slug, 'START'),
  commentKeys.threadHeader(slug, 'END'),
  commentKeys.threadState(slug),
];

/** As an article published before this release: none of the thread's items. */
async function makeLegacy(slug: string) {
  for (const Key of THREAD_ITEMS(slug))
    await db.send(new DeleteCommand({ TableName: env.commentsTable, Key }));
}

const threadItems = async (slug: string) =>
  Promise.all(
    THREAD_ITEMS(slug).map(
      async (Key) =>
        (await db.send(new GetCommand({ TableName: env.commentsTable, Key, ConsistentRead: true }))).Item,
    ),
  );

const run = (extra: { pageSize?: number; maxPages?: number; from?: string } = {}) =>
  backfillThreadHeaders({ db, contentTable: env.contentTable, commentsTable: env.commentsTable, ...extra });

async function firstPageRequests(slug: string) {
  sent.length = 0;
  await publicReads.thread(slug, 'oldest', 20, undefined);
  return [...sent];
}

describe('npm run migrate -- thread-headers', () => {
  it('gives live articles their headers and a whole state item, resumably, and a second run writes nothing', async () => {
    const open = await published('Pier lights restored');
    const closed = await published('Ring road survey');
    await threads.setThreadState(editor, closed.id, { action: 'close', reason: 'Survey over' });
    const dark = await published('Bus lane trial');
    await newsroom.transition(editor, dark.id, dark.version, { action: 'unpublish' });
    await makeLegacy(open.slug);
    await makeLegacy(closed.slug);
    // Without headers, a thread's first page reads the snapshot beside its Query.
    expect((await firstPageRequests(open.slug)).length).toBe(2);

    // Stopped after one page, then resumed from the cursor it gave.
    const partial = await run({ pageSize: 5, maxPages: 1 });
    expect(partial.next).toEqual(expect.any(String));
    const rest = await run({ pageSize: 5, from: partial.next ?? '' });
    expect(rest.next).toBeNull();

    const [start, end, state] = await threadItems(open.slug);
    expect(start).toBeDefined();
    expect(end).toBeDefined();
    expect(state).toMatchObject({ articleId: open.id, commentsEnabled: true, commentsCloseAt: null });
    const closedState = (await threadItems(closed.slug))[2];
    expect(closedState?.commentsCloseAt).toEqual(expect.any(String));
    // An unpublished article gets nothing.
    expect((await threadItems(dark.slug)).every((item) => item === undefined)).toBe(true);
    // The first page is one Query again, and the thread answers as before.
    expect(await firstPageRequests(open.slug)).toEqual(['Query']);

    const again = await run({ pageSize: 100 });
    expect(again.live).toBeGreaterThanOrEqual(2);
    expect(again.written).toBe(0);
  });

  it('refuses a cursor it did not print', async () => {
    await expect(run({ from: 'not a cursor' })).rejects.toThrow(/not a cursor thread-headers printed/);
  });
});
