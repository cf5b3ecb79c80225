import { type DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_STORY_COMMENTS } from '../../seeds/comments.ts';
import { SEED_ARTICLES } from '../../seeds/content.ts';
import { loadSeeds } from '../../seeds/load.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Clock } from '../../shared/clock.ts';
import { resolveMedia } from '../../shared/services/media/references.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { DeskReads } from '../../shared/store/comments/deskReads.ts';
import { keys } from '../../shared/store/keys.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

let env: TestEnv;
let db: DynamoDBDocumentClient;
let store: ArticleStore;
let commentStore: CommentStore;
let service: Newsroom;
let now = new Date('2026-11-01T08:00:00.000Z');
const clock: Clock = { now: () => now };

const author: Principal = { sub: 'writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'desk', roles: new Set(['editor']) };

beforeAll(async () => {
  ({ env, db, store, commentStore, newsroom: service } = await testNewsroom({ clock }));
});
afterAll(() => db?.destroy());

const body = [{ type: 'paragraph' as const, text: [{ text: 'A paragraph.', marks: [] }] }];

const publish = (article: StoredArticle) => publishArticle(service, author, editor, article);

/** Every item in the table that mentions this article id outside its own partition. */
async function publicItemsOf(id: string) {
  const { Items = [] } = await db.send(new ScanCommand({ TableName: env.contentTable }));
  return Items.filter((i) => (String(i.pk).startsWith('FEED#') || i.sk === 'LIVE') && i.id === id).map(
    (i) => `${i.pk}|${i.sk === 'LIVE' ? 'LIVE' : 'entry'}`,
  );
}

describe('publishing', () => {
  it('going live puts the thread headers and state in the comments table, going dark deletes them', async () => {
    const live = await publish(
      await service.create(author, { title: 'Harbour lights', section: 'city', body }),
    );
    const headers = async () =>
      (
        await db.send(
          new QueryCommand({
            TableName: env.commentsTable,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `THREAD#${live.slug}` },
          }),
        )
      ).Items?.map((i) => i.sk);
    expect(await headers()).toEqual(['END', 'START', 'STATE']);
    await service.transition(editor, live.id, live.version, { action: 'unpublish' });
    expect(await headers()).toEqual([]);
    // Every store can do this: one without the comments table does not compile (it used to throw
    // at its first publication). Functions that never publish hold an ArticleReader instead.
    // @ts-expect-error the comments table is a required argument
    void (() => new ArticleStore(db, env.contentTable));
  });

  it('writes the snapshot, every feed entry, a revision and an audit entry together', async () => {
    const created = await service.create(author, {
      title: 'Tide tables',
      section: 'city',
      body,
      tags: ['sea', 'boats'],
    });
    const live = await publish(created);
    expect((await publicItemsOf(live.id)).sort()).toEqual(
      [
        `SLUG#${live.slug}|LIVE`,
        'FEED#all|entry',
        'FEED#section#city|entry',
        'FEED#tag#sea|entry',
        'FEED#tag#boats|entry',
        'FEED#section#city/tag#sea|entry',
        'FEED#section#city/tag#boats|entry',
      ].sort(),
    );
    const revisions = await store.listRevisions(live.id, 10, undefined);
    expect(revisions.items.map((r) => r.action)).toEqual(['create', 'publish']);
    expect(revisions.items[1]?.version).toBe(live.version);
    const history = await store.listHistory(live.id, 10, undefined);
    expect(history.items.at(-1)).toMatchObject({ action: 'publish', actor: 'desk', version: live.version });
  });

  it('moves feed entries when a live update changes section and tags, leaving none behind', async () => {
    const created = await service.create(author, {
      title: 'Market day',
      section: 'business',
      body,
      tags: ['food', 'stalls'],
    });
    let live = await publish(created);
    now = new Date(now.getTime() + 60_000);
    const edited = await service.patch(author, live.id, live.version, {
      section: 'culture',
      tags: ['food', 'music'],
    });
    live = await publish(edited);
    expect((await publicItemsOf(live.id)).sort()).toEqual(
      [
        `SLUG#${live.slug}|LIVE`,
        'FEED#all|entry',
        'FEED#section#culture|entry',
        'FEED#tag#food|entry',
        'FEED#tag#music|entry',
        'FEED#section#culture/tag#food|entry',
        'FEED#section#culture/tag#music|entry',
      ].sort(),
    );
    const publicService = new PublicService(store, commentStore);
    const stalls = await publicService.list({ tag: 'stalls' }, 10, undefined);
    expect(stalls.items.map((i) => i.id)).not.toContain(live.id);

    const dark = await service.transition(editor, live.id, live.version, { action: 'unpublish' });
    expect(dark.status).toBe('archived');
    expect(await publicItemsOf(live.id)).toEqual([]);
  });

  it('changes nothing when the transaction loses to a concurrent write', async () => {
    const created = await service.create(author, { title: 'Harbour fees', section: 'city', body });
    let a = await service.transition(author, created.id, created.version, { action: 'submit' });
    a = await service.transition(editor, a.id, a.version, { action: 'approve' });
    // Another editor publishes between our read of `a` and our own write.
    const winner = await service.transition(editor, a.id, a.version, { action: 'publish' });
    const loser = {
      ...a,
      title: 'Lost headline',
      status: 'published' as const,
      version: a.version + 1,
      live: true,
    };
    await expect(
      store.commit({
        article: loser,
        expectedVersion: a.version,
        audit: {
          at: now.toISOString(),
          actor: 'other',
          action: 'publish',
          from: 'approved',
          to: 'published',
          version: loser.version,
        },
        goLive: {
          snapshot: {
            ...loser,
            ...resolveMedia(loser, new Map()),
            authors: [],
            publishedAt: now.toISOString(),
            updatedAt: now.toISOString(),
            commentCount: 0,
          },
          previous: null,
        },
      }),
    ).rejects.toMatchObject({ status: 412 });
    expect((await store.getSnapshot(a.slug, true))?.title).toBe('Harbour fees');
    expect(await store.get(a.id)).toMatchObject({ title: 'Harbour fees', version: winner.version });
    const history = await store.listHistory(a.id, 10, undefined);
    expect(history.items.filter((h) => h.action === 'publish')).toHaveLength(1);
  });

  it('never overwrites a comment count kept by another writer', async () => {
    const created = await service.create(author, { title: 'Comment magnet', section: 'city', body });
    const live = await publish(created);
    for (const key of [keys.working(live.id), keys.liveSnapshot(live.slug)]) {
      await db.send(
        new UpdateCommand({
          TableName: env.contentTable,
          Key: key,
          UpdateExpression: 'SET commentCount = :n',
          ExpressionAttributeValues: { ':n': 5 },
        }),
      );
    }
    const edited = await service.patch(author, live.id, live.version, { title: 'Comment magnet, updated' });
    const republished = await publish(edited);
    expect((await store.get(republished.id))?.commentCount).toBe(5);
    expect((await store.getSnapshot(republished.slug, true))?.commentCount).toBe(5);
  });
});

describe('the store boundary', () => {
  it('reads back exactly what the API shows, and refuses an item that does not fit its shape', async () => {
    const created = await service.create(author, { title: 'Ferry timetable', section: 'city', body });
    const stored = await store.get(created.id);
    expect(stored).toEqual(created);
    expect(Object.keys(stored ?? {})).not.toContain('gsiStatus');
    await db.send(
      new UpdateCommand({
        TableName: env.contentTable,
        Key: keys.working(created.id),
        UpdateExpression: 'SET version = :v',
        ExpressionAttributeValues: { ':v': 'two' },
      }),
    );
    await expect(store.get(created.id)).rejects.toThrow(/invalid version/);
  });

  it('lists working copies on the index that fits the filters, filtering the rest', async () => {
    const mine = await service.create(author, { title: 'Allotment waiting list', section: 'garden', body });
    await service.create(editor, { title: 'Allotment fees', section: 'garden', body });
    const drafts = await store.listWorking(
      { createdBy: author.sub, section: 'garden', status: 'draft' },
      10,
      undefined,
    );
    expect(drafts.items.map((a) => a.id)).toEqual([mine.id]);
    const section = await store.listWorking({ section: 'garden' }, 10, undefined);
    expect(section.items).toHaveLength(2);
  });
});

describe('sample content', () => {
  it('loads once, through the services, into the states the seeds describe', async () => {
    const seedEnv = await createTestEnv();
    const seedStore = new ArticleStore(db, seedEnv.contentTable, seedEnv.commentsTable);
    const seedComments = new CommentStore(db, seedEnv.commentsTable, seedEnv.contentTable);
    expect(await loadSeeds(seedStore, seedComments)).toBe(SEED_ARTICLES.length);
    expect(await loadSeeds(seedStore, seedComments)).toBe(0);

    const all = await seedStore.listWorking({}, 100, undefined);
    expect(all.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.items.map((a) => a.section)).size).toBeGreaterThanOrEqual(3);
    const live = all.items.filter((a) => a.live);
    expect(live.length).toBeGreaterThan(all.items.length / 2);
    expect(all.items.some((a) => a.status === 'in_review')).toBe(true);
    expect(all.items.some((a) => a.status === 'draft' && !a.live)).toBe(true);
    expect(all.items.some((a) => a.live && a.hasUnpublishedChanges)).toBe(true);
    for (const article of live) {
      const seed = SEED_ARTICLES.find(
        (s) => s.content.title === article.title || s.edits?.title === article.title,
      );
      expect(article.publishedAt).toBe(seed?.at);
      expect(article.body.some((b) => b.type === 'quote' && b.attribution)).toBe(true);
    }
    const publicReads = new PublicService(seedStore, seedComments);
    const feed = await publicReads.list({}, 100, undefined);
    expect(feed.items).toHaveLength(live.length);
    const dates = feed.items.map((i) => i.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: seedEnv.contentTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'FEED#all' },
      }),
    );
    expect(Items).toHaveLength(live.length);

    // The lead story carries the reader thread, its count equal to the approved comments.
    const lead = all.items.find((a) => a.title === SEED_ARTICLES[0]?.content.title);
    const approved = LEAD_STORY_COMMENTS.filter((c) => c.state === 'approved').length;
    expect(lead?.commentCount).toBe(approved);
    expect((await seedStore.getSnapshot(lead?.slug ?? '', true))?.commentCount).toBe(approved);
    // One level deep: the top-level comments, each counting its approved replies.
    const shown = await publicReads.thread(lead?.slug ?? '', 'oldest', 100, undefined);
    expect(shown.items.every((c) => c.parentId === null)).toBe(true);
    expect(shown.items.length + shown.items.reduce((n, c) => n + c.replyCount, 0)).toBe(approved);
    const answered = shown.items.find((c) => c.replyCount > 0);
    const replies = await publicReads.replies(lead?.slug ?? '', answered?.id ?? '', 100, undefined);
    expect(replies.items).toHaveLength(answered?.replyCount ?? -1);
    expect(replies.items.every((r) => r.parentId === answered?.id)).toBe(true);
    for (const status of ['pending', 'spam'] as const) {
      const queue = await new DeskReads(seedComments).queue({ status, articleId: lead?.id }, 100, undefined);
      expect(queue.items).toHaveLength(LEAD_STORY_COMMENTS.filter((c) => c.state === status).length);
    }
  });
});
