import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { type Comments, createComments } from '../../shared/services/comments/index.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import { createSyndication, siteSettingsReader } from '../../shared/services/syndication.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { SETTINGS_CACHE_MS } from '../../shared/store/commentStore.ts';
import { SiteSettingsStore } from '../../shared/store/siteSettingsStore.ts';
import { SyndicationStore } from '../../shared/store/syndicationWrites.ts';
import { feedEntryOf } from '../../shared/syndication/entries.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, type TestNewsroom, testNewsroom } from '../support/newsroom.ts';
import { createTestSections } from '../support/taxonomy.ts';

type TestNewsroomStores = Pick<TestNewsroom, 'commentStore'>;

import { publicFrontOf } from '../../shared/fronts/publicFront.ts';
import { FrontCreateSchema, type FrontSlot } from '../../shared/schemas/front.ts';
import { createFronts } from '../../shared/services/fronts/index.ts';
import { FrontStore } from '../../shared/store/frontStore.ts';
import { FrontStories } from '../../shared/store/frontStories.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * DynamoDB requests per operation, counted on the client's middleware stack while every request
 * still goes to DynamoDB Local: a counter, not a stand-in. The bounds are what a reader or an
 * editor pays in latency and what the table bills.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let sent: string[] = [];
let newsroom: Newsroom;
let comments: Comments;
let reports: Comments;
let publicReads: PublicService;
let articleStore: ArticleStore;
let commentStoreOf: TestNewsroomStores['commentStore'];
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
  const fixture = await testNewsroom({ clock, newId: ulidFactory() });
  ({ env, db, newsroom } = fixture);
  // The section the stories name, as a record: a create with no access chosen reads its default.
  await createTestSections(env, ['city']);
  sent = recordRequests(db);
  const { store, commentStore } = fixture;
  articleStore = store;
  commentStoreOf = commentStore;
  comments = createComments({
    comments: commentStore,
    articles: store,
    clock,
    newId: ulidFactory(),
    fingerprintSecret: 'counted',
  });
  reports = comments;
  publicReads = new PublicService(store, commentStore);
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 30 });
});
afterAll(() => db?.destroy());
beforeEach(() => {
  sent.length = 0;
});

async function published(title: string): Promise<StoredArticle> {
  return publishArticle(
    newsroom,
    author,
    editor,
    await newsroom.create(author, { title, section: 'city', body }),
  );
}

describe('creating an article', () => {
  it('claims a free slug in one request, a taken one in two, each slug unique', async () => {
    const title = `Counted ferry timetable ${Date.now()}`;
    const free = { title, section: 'city', body, access: 'free' as const };
    const first = await counted(() => newsroom.create(author, free));
    expect(first.requests).toEqual(['TransactWriteItems']);
    const second = await counted(() => newsroom.create(author, free));
    expect(second.requests).toEqual(['TransactWriteItems', 'TransactWriteItems']);
    expect(second.result.slug).toMatch(new RegExp(`^${first.result.slug}-[0-9a-z]{5}$`));
    const third = await counted(() => newsroom.create(author, free));
    expect(third.requests.length).toBeLessThanOrEqual(3);
    expect(new Set([first.result.slug, second.result.slug, third.result.slug]).size).toBe(3);
  });

  it('reads the section record once for its default access when the editor chose none', async () => {
    const made = await counted(() =>
      newsroom.create(author, { title: `Counted pier lights ${Date.now()}`, section: 'city', body }),
    );
    expect(made.requests).toEqual(['GetItem', 'TransactWriteItems']);
    expect(made.result.access).toBe('free');
  });

  it('keeps long titles that only differ after the truncation apart, within three requests', async () => {
    const stem = `Council votes on the long-delayed harbour wall repairs after winter storms ${Date.now()}`;
    const a = await counted(() =>
      newsroom.create(author, { title: `${stem} in March`, section: 'city', body, access: 'free' }),
    );
    const b = await counted(() =>
      newsroom.create(author, { title: `${stem} in April`, section: 'city', body, access: 'free' }),
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

describe('reader reports', () => {
  it('a report is four requests, the one that holds a comment back too: the live snapshot is read once', async () => {
    const article = await published(`Counted reported pier ${Date.now()}`);
    const { id } = await comments.submit(article.slug, { authorName: 'Reader', body: 'Reported.' }, client());
    await comments.moderate(moderator, id, { action: 'approve' });
    expect((await comments.settings()).reportThreshold).toBe(3);
    for (const n of [1, 2]) {
      const counting = await counted(() => reports.report(article.slug, id, { reason: 'spam' }, client()));
      // The comment with the reader's ban markers, then the settings and the live snapshot side by
      // side, then the transaction.
      expect(counting.requests.sort(), `report ${n}`).toEqual([
        'BatchGetItem',
        'GetItem',
        'GetItem',
        'TransactWriteItems',
      ]);
    }
    const holding = await counted(() => reports.report(article.slug, id, { reason: 'spam' }, client()));
    expect(holding.requests.sort()).toEqual(['BatchGetItem', 'GetItem', 'GetItem', 'TransactWriteItems']);
    // Held back: off the public count and back in the queue.
    expect((await publicReads.getLive(article.slug)).article.commentCount).toBe(0);
    expect((await newsroom.get(editor, article.id)).commentCount).toBe(0);
  });
});

describe('the public thread', () => {
  it('serves the first page of every order and the featured in one Query, later pages beside the liveness check', async () => {
    const article = await published(`Counted thread ${Date.now()}`);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { id } = await comments.submit(
        article.slug,
        { authorName: 'Reader', body: `Top ${i}.` },
        client(),
      );
      await comments.moderate(moderator, id, { action: 'approve' });
      ids.push(id);
    }
    const [first = '', second = ''] = ids;
    const reply = await comments.submit(
      article.slug,
      { authorName: 'Replier', body: 'A reply.', parentId: first },
      client(),
    );
    // Approving a reply is still two requests: its parent's count moves in the same transaction.
    const approval = await counted(() => comments.moderate(moderator, reply.id, { action: 'approve' }));
    expect(approval.requests).toEqual(['GetItem', 'TransactWriteItems']);
    const featuring = await counted(() => comments.moderate(moderator, second, { action: 'feature' }));
    expect(featuring.requests).toEqual(['GetItem', 'TransactWriteItems']);

    const pages = {
      oldest: (key?: Record<string, string | number>) => publicReads.thread(article.slug, 'oldest', 2, key),
      newest: (key?: Record<string, string | number>) => publicReads.thread(article.slug, 'newest', 2, key),
      replies: (key?: Record<string, string | number>) => publicReads.thread(article.slug, 'replies', 2, key),
      featured: (key?: Record<string, string | number>) => publicReads.featured(article.slug, 2, key),
      underFirst: (key?: Record<string, string | number>) => publicReads.replies(article.slug, first, 2, key),
    };
    for (const [name, page] of Object.entries(pages)) {
      // A first page starts at one of the thread's headers, which says the article is live: one
      // Query. The replies under a comment have no header, and a cursor page starts past it: there
      // the snapshot's key is read beside the Query.
      const one = await counted(() => page());
      expect(one.requests.sort(), name).toEqual(name === 'underFirst' ? ['GetItem', 'Query'] : ['Query']);
      expect(one.result.items.length, name).toBeGreaterThan(0);
      if (one.result.lastKey) {
        const two = await counted(() => page(one.result.lastKey));
        expect(two.requests.sort(), `${name}, page 2`).toEqual(['GetItem', 'Query']);
      }
    }
    // Every top-level comment, once each, across the pages (the headers never show).
    const seen: string[] = [];
    let key: Record<string, string | number> | undefined;
    do {
      const page = await pages.oldest(key);
      seen.push(...page.items.map((c) => c.id));
      key = page.lastKey;
    } while (key);
    expect(seen).toEqual(ids);
    expect((await pages.replies()).items[0]).toMatchObject({ id: first, replyCount: 1 });
    expect((await pages.featured()).items.map((c) => c.id)).toEqual([second]);
  });

  it('a pulled article takes its thread down: its headers go with the snapshot (404), and come back', async () => {
    let article = await published(`Counted pulled thread ${Date.now()}`);
    const { id } = await comments.submit(article.slug, { authorName: 'Reader', body: 'Kept.' }, client());
    await comments.moderate(moderator, id, { action: 'approve' });
    article = await newsroom.transition(editor, article.id, article.version, { action: 'unpublish' });
    const dark = await counted(() =>
      publicReads.thread(article.slug, 'oldest', 20, undefined).catch((e) => e),
    );
    expect(dark.result).toBeInstanceOf(NotFoundError);
    // No header in the Query, so the snapshot is asked: it is gone.
    expect(dark.requests).toEqual(['Query', 'GetItem']);
    for (const [who, action] of [
      [editor, 'restore'],
      [author, 'submit'],
      [editor, 'approve'],
      [editor, 'publish'],
    ] as const) {
      article = await newsroom.transition(who, article.id, article.version, { action });
    }
    const back = await counted(() => publicReads.thread(article.slug, 'newest', 20, undefined));
    expect(back.requests).toEqual(['Query']);
    expect(back.result.items.map((c) => c.id)).toEqual([id]);
  });

  it('a first publication reads the comment settings once; a later one does not', async () => {
    let reads = 0;
    const counting = createNewsroom({
      closeAfterDays: async () => {
        reads += 1;
        return 7;
      },
      store: new ArticleStore(db, env.contentTable, env.commentsTable),
      clock,
      newId: ulidFactory(),
      schedules: pollingSchedules,
    });
    let a = await counting.create(author, { title: `Counted closing ${Date.now()}`, section: 'city', body });
    a = await publishArticle(counting, author, editor, a);
    expect(reads).toBe(1);
    expect(a.commentsCloseAt).toBe(new Date(Date.parse(a.publishedAt ?? '') + 7 * 86_400_000).toISOString());
    a = await counting.patch(author, a.id, a.version, { standfirst: 'Edited.' });
    a = await publishArticle(counting, author, editor, a);
    expect(reads).toBe(1);
    expect((await publicReads.getLive(a.slug)).article).toMatchObject({
      commentsOpen: true,
      commentsCloseAt: a.commentsCloseAt,
    });
  });
});

describe('feeds, sitemaps and the structured data of the public article', () => {
  /** Derives feeds and sitemaps as the relay does, from the snapshot the publish left. */
  async function syndicated(title: string, tags: string[]) {
    const article = await publishArticle(
      newsroom,
      author,
      editor,
      await newsroom.create(author, { title, section: 'counted', tags, byline: 'By Counted Writer', body }),
    );
    const snapshot = await articleStore.getSnapshot(article.slug);
    if (!snapshot) throw new Error('not live');
    return { article, entry: feedEntryOf(snapshot) };
  }

  it('each feed, sitemap and article read is one request once the site settings are cached', async () => {
    const syndicationStore = new SyndicationStore(db, env.contentTable);
    const settingsStore = new SiteSettingsStore(db, env.contentTable);
    const settings = siteSettingsReader(settingsStore);
    const syndication = createSyndication({ store: syndicationStore, settings, clock });
    const reads = new PublicService(articleStore, commentStoreOf, settings);
    const { article, entry } = await syndicated(`Counted feed ${Date.now()}`, ['counted-a', 'counted-b']);

    // The relay's derivation of a publish: the feed entries in one BatchWriteItem (site, section,
    // two tags, one author), the month's entry, the month's count.
    const derived = await counted(() => syndicationStore.apply(null, entry, entry.updatedAt));
    expect(derived.requests).toEqual(['BatchWriteItem', 'PutItem', 'UpdateItem']);

    // A container's first read may read the settings beside it: two requests, sent together.
    const uncached = createSyndication({
      store: syndicationStore,
      settings: siteSettingsReader(settingsStore, 0),
      clock,
    });
    const cold = await counted(() => uncached.feed('rss', {}, '/v1/feeds/rss'));
    expect(cold.requests.sort()).toEqual(['GetItem', 'Query']);
    for (const filter of [{}, { section: 'counted' }, { tag: 'counted-b' }, { author: 'counted-writer' }]) {
      for (const format of ['rss', 'atom'] as const) {
        const read = await counted(() => syndication.feed(format, filter, '/v1/feeds/rss'));
        expect(read.requests, JSON.stringify(filter)).toEqual(['Query']);
        expect(read.result).toContain(article.title);
      }
    }
    const month = new Date(entry.publishedAt).toISOString().slice(0, 7);
    for (const name of ['index.xml', 'news.xml', `${month}.xml`]) {
      const read = await counted(() => syndication.sitemap(name));
      expect(read.requests, name).toEqual(['Query']);
    }
    const live = await counted(() => reads.getLive(article.slug));
    expect(live.requests).toEqual(['GetItem']);
    expect(live.result.article.jsonLd).toMatchObject({ '@type': 'NewsArticle', headline: article.title });

    // Unpublished: the feed entries in one BatchWriteItem, the month's entry and count.
    const gone = await counted(() => syndicationStore.apply(entry, null, new Date().toISOString()));
    expect(gone.requests).toEqual(['BatchWriteItem', 'DeleteItem', 'UpdateItem']);
    const feed = await syndication.feed('rss', { tag: 'counted-a' }, '/v1/feeds/rss');
    expect(feed).not.toContain(article.title);
  });
});

describe('fronts', () => {
  it('resolves a front of 30 slots at publish in one request per distinct rule beside a fixed few, and reads it in one GetItem', async () => {
    const draft = await newsroom.create(author, {
      title: 'Counted front story',
      section: 'city',
      tags: ['counted-front'],
      body,
    } as Parameters<Newsroom['create']>[1]);
    const story = await publishArticle(newsroom, author, editor, draft);
    const store = new FrontStore(db, env.contentTable);
    const fronts = createFronts({
      store,
      stories: new FrontStories(db, env.contentTable),
      clock,
      schedules: pollingSchedules,
    });
    const rule = (kind: 'section' | 'tag', value: string): FrontSlot => ({ rule: { kind, value } });
    const slots: FrontSlot[] = [
      { pin: { articleId: story.id }, ...rule('section', 'city') },
      ...Array.from({ length: 29 }, (_, i) =>
        i % 2 ? rule('section', 'city') : rule('tag', 'counted-front'),
      ),
    ];
    const zones = [0, 1, 2].map((z) => ({ name: `zone-${z}`, slots: slots.slice(z * 10, z * 10 + 10) }));
    const created = await fronts.create(
      editor,
      FrontCreateSchema.parse({ name: 'counted', title: 'Counted', zones }),
    );

    const publish = await counted(() => fronts.publish(editor, 'counted', created.version));
    // The draft and the previous resolved front, the pinned stories and their list entries, one
    // Query per distinct rule (2 here), the shown stories' coverage records (the live badge: one
    // BatchGetItem, after the rest), then the one transaction.
    expect([...publish.requests].sort()).toEqual(
      [
        'BatchGetItem',
        'BatchGetItem',
        'BatchGetItem',
        'GetItem',
        'GetItem',
        'Query',
        'Query',
        'TransactWriteItems',
      ].sort(),
    );
    expect(publish.requests.slice(-2)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const read = await counted(() => publicFrontOf(store, 'counted'));
    expect(read.requests).toEqual(['GetItem']);
    expect(read.result.front.zones[0]?.entries[0]).toMatchObject({ id: story.id, pinned: true });
  });
});
