import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock, ulidFactory } from '../../shared/clock.ts';
import { createLiveCoverage, type LiveCoverage } from '../../shared/services/live/liveCoverage.ts';
import { createLiveReads, SINCE_START } from '../../shared/services/live/liveReads.ts';
import type { ArticleStore } from '../../shared/store/articleStore.ts';
import { moveEntries } from '../../shared/store/live/entryMove.ts';
import { LiveStore } from '../../shared/store/live/liveStore.ts';
import { TransactionRefused } from '../../shared/store/transactions.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/**
 * The move of a live coverage's entries when its story's slug changes (shared/store/live/
 * entryMove.ts), on DynamoDB Local: bounded per call, resumable, idempotent, nothing lost, and
 * the earlier slug answering where they went.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let newsroom: Newsroom;
let articles: ArticleStore;
let store: LiveStore;
let live: LiveCoverage;
let reads: ReturnType<typeof createLiveReads>;
const author: Principal = { sub: 'move-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'move-desk', roles: new Set(['editor']) };
const body = (text: string) => [{ type: 'paragraph' as const, text: [{ text, marks: [] }] }];

beforeAll(async () => {
  const fixture = await testNewsroom();
  ({ env, db, newsroom } = fixture);
  articles = fixture.store;
  store = new LiveStore(db, env.contentTable);
  live = createLiveCoverage({
    live: store,
    clock: systemClock,
    newId: ulidFactory(),
    article: async (id) => {
      const found = await fixture.store.get(id);
      return found && { ...found, slug: found.liveSlug ?? found.slug };
    },
  });
  reads = createLiveReads(store);
});
afterAll(() => db?.destroy());

async function coveredStory(title: string, entries: number) {
  const draft = await newsroom.create(author, {
    title,
    section: 'city',
    body: body('Summary.'),
  } as Parameters<Newsroom['create']>[1]);
  const article = await publishArticle(newsroom, author, editor, draft);
  await live.setCoverage(editor, article.id, { state: 'live', contributors: [author.sub] });
  const posted: string[] = [];
  for (let i = 0; i < entries; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, entries - i) }, (_, j) =>
        live.post(i + j === 0 ? editor : author, article.id, {
          body: body(`Entry ${i + j}`),
          pinned: (i + j) % 10 === 0,
          keyEvent: (i + j) % 5 === 0,
        }),
      ),
    );
    posted.push(...batch.map((e) => e.id));
  }
  return { article, posted: posted.sort() };
}

/** Every id in a public list of a slug, following cursors (pages of 10: the moved list spans three). */
async function allIds(slug: string, list: 'all' | 'pinned' | 'key' = 'all') {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await reads.list(slug, list, { limit: '10', ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

describe('moving live entries to a new slug', () => {
  // 25 entries in steps of 10 (10, 10, 5): the same bounded, resumable steps as 250 in steps of 100.
  it('moves 25 entries in bounded steps, resumes, and a re-run moves none', async () => {
    const { article, posted } = await coveredStory('Entries that move', 25);
    const from = article.slug;
    const to = `${from}-moved`;
    const pinned = await allIds(from, 'pinned');
    const keyEvents = await allIds(from, 'key');
    const poll = await reads.entries(from, {});
    const target = { id: article.id, slug: to, earlier: [from] };

    expect(await moveEntries(db, env.contentTable, target, 10)).toEqual({ moved: 10, left: true });
    // Mid-move: new entries go to the new slug; a post that read the coverage before the switch
    // is refused, never written where the move has passed.
    const during = await live.post(editor, article.id, { body: body('Posted mid-move.') });
    expect(during.url).toBe(`/v1/articles/${to}/entries/${during.id}`);
    const stale = await store.getEntry(to, during.id);
    if (!stale) throw new Error('the mid-move entry is not at the new slug');
    await expect(
      store.create({ ...stale, id: ulidFactory()(new Date()), slug: from }),
    ).rejects.toBeInstanceOf(TransactionRefused);
    expect(await moveEntries(db, env.contentTable, target, 10)).toEqual({ moved: 10, left: true });
    expect(await moveEntries(db, env.contentTable, target, 10)).toEqual({ moved: 5, left: false });
    // Idempotent: a second run finds nothing to move.
    expect(await moveEntries(db, env.contentTable, target, 10)).toEqual({ moved: 0, left: false });

    // Everything at the new slug, ids kept, permalinks naming it; nothing left at the old one.
    expect(await allIds(to)).toEqual([...posted, during.id].sort());
    expect(await allIds(to, 'pinned')).toEqual(pinned);
    expect(await allIds(to, 'key')).toEqual(keyEvents);
    const first = await reads.entry(to, posted[0] ?? '');
    expect(first.url).toBe(`/v1/articles/${to}/entries/${posted[0]}`);
    expect((await store.listRecords(to, 300)).items).toHaveLength(26);
    expect((await store.listRecords(from, 300)).items).toHaveLength(0);
    const coverage = await store.getCoverage(article.id);
    expect(coverage).toMatchObject({ slug: to, movedFrom: [] });

    // A reader's since carries over: change ids moved unchanged, so only the mid-move post is new.
    const next = await reads.entries(to, { since: poll.since });
    expect(next.items.map((e) => e.id)).toEqual([during.id]);
    // From the start, a poll's whole page of changes (limit 4: 20 of the 26) is there.
    expect((await reads.entries(to, { since: SINCE_START, limit: '4' })).items).toHaveLength(20);
    // The old slug answers where they went, for every view.
    await expect(reads.entries(from, {})).rejects.toMatchObject({
      status: 301,
      location: `/v1/articles/${to}/entries`,
    });
    await expect(reads.entries(from, { since: poll.since })).rejects.toMatchObject({
      location: `/v1/articles/${to}/entries?since=${poll.since}`,
    });
    await expect(reads.list(from, 'key', {})).rejects.toMatchObject({
      location: `/v1/articles/${to}/entries/key-events`,
    });
    await expect(reads.entry(from, posted[0] ?? '')).rejects.toMatchObject({
      location: `/v1/articles/${to}/entries/${posted[0]}`,
    });
    // The desk edits a moved entry at its new home.
    const edited = await live.update(editor, article.id, posted[1] ?? '', 1, {
      body: body('Edited after the move.'),
    });
    expect(edited.url).toBe(`/v1/articles/${to}/entries/${posted[1]}`);
  });

  it('follows a slug change published through the newsroom, and back again', {
    timeout: 120_000,
  }, async () => {
    const { article, posted } = await coveredStory('Entries that follow the story', 12);
    const from = article.slug;
    const edited = await newsroom.patch(author, article.id, article.version, { slug: `${from}-v2` });
    const moved = await publishArticle(newsroom, author, editor, edited);
    expect(moved.slug).toBe(`${from}-v2`);
    expect(await allIds(`${from}-v2`)).toEqual(posted);
    await expect(reads.entries(from, {})).rejects.toMatchObject({ status: 301 });
    // The public article at the new slug carries its coverage.
    expect((await store.snapshotWithCoverage(`${from}-v2`)).coverage).toMatchObject({ state: 'live' });
    expect((await store.snapshotWithCoverage(from)).coverage).toBeUndefined();

    // Back to the first slug: the entries return, and the second slug now points there.
    const back = await newsroom.patch(author, article.id, moved.version, { slug: from });
    await publishArticle(newsroom, author, editor, back);
    expect(await allIds(from)).toEqual(posted);
    await expect(reads.entries(`${from}-v2`, {})).rejects.toMatchObject({
      location: `/v1/articles/${from}/entries`,
    });
    expect(await articles.moveEntries({ id: article.id, slug: from, earlier: [`${from}-v2`] })).toEqual({
      moved: 0,
      left: false,
    });
  });
});
