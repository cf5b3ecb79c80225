import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { ENV } from '../../shared/env.ts';
import { refreshFrontsFor } from '../../shared/fronts/relayHook.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { type ArticleCreate, ArticleCreateSchema } from '../../shared/schemas/article.ts';
import { type FrontArrangement, FrontCreateSchema } from '../../shared/schemas/front.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { createFronts } from '../../shared/services/fronts/index.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { FrontStore } from '../../shared/store/frontStore.ts';
import { FrontStories } from '../../shared/store/frontStories.ts';
import { keys } from '../../shared/store/keys.ts';
import { liveKeys } from '../../shared/store/live/liveKeys.ts';
import { LiveStore } from '../../shared/store/live/liveStore.ts';
import { getItem } from '../../shared/store/query.ts';
import { SyndicationStore } from '../../shared/store/syndicationWrites.ts';
import { syndicateChange } from '../../shared/syndication/deriver.ts';
import { createTestEnv } from '../support/env.ts';

/**
 * The front resolver and the relay's hook on DynamoDB Local: real articles published through the
 * service, the resolved front read back by key, and the hook run on the very items the stream
 * would carry.
 */
let db: ReturnType<typeof createDocumentClient>;
let articles: ArticleStore;
let table: string;
let clock = new Date('2026-12-01T08:00:00.000Z');
const now = { now: () => clock };
const author: Principal = { sub: 'int-author', roles: new Set(['author'] as const) };
const editor: Principal = { sub: 'int-editor', roles: new Set(['editor'] as const) };
let newsroom: ReturnType<typeof createNewsroom>;
let fronts: ReturnType<typeof createFronts>;
let store: FrontStore;
let syndication: SyndicationStore;

beforeAll(async () => {
  const env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  table = env.contentTable;
  articles = new ArticleStore(db, table, env.commentsTable);
  newsroom = createNewsroom({
    store: articles,
    clock: now,
    newId: ulidFactory(),
    schedules: pollingSchedules,
    closeAfterDays: async () => null,
  });
  store = new FrontStore(db, table);
  fronts = createFronts({
    store,
    stories: new FrontStories(db, table),
    clock: now,
    schedules: pollingSchedules,
  });
  syndication = new SyndicationStore(db, env.vars[ENV.contentTable] ?? table);
});
afterAll(() => db?.destroy());

const snapshotOf = async (a: StoredArticle) => getItem(db, table, keys.liveSnapshot(a.slug), true);

/** What the relay does for a story's record: feeds first (author rules read them), then fronts. */
async function relayed(
  oldImage: Record<string, unknown> | undefined,
  newImage: Record<string, unknown> | undefined,
) {
  const change = { eventName: 'MODIFY' as const, oldImage, newImage, committedAt: clock.toISOString() };
  await syndicateChange(change, syndication);
  await refreshFrontsFor(change, {
    frontsFor: (refs) => store.frontsFor(refs),
    refresh: (name) => fronts.resolution.refresh(name),
    snapshot: (slug) => getItem(db, table, keys.liveSnapshot(slug), true),
  });
}

let n = 0;
async function live(content: Partial<ArticleCreate>): Promise<StoredArticle> {
  n += 1;
  clock = new Date(clock.getTime() + 60_000);
  let a = await newsroom.create(
    author,
    ArticleCreateSchema.parse({
      title: `Story ${n}`,
      section: 'int-city',
      body: [{ type: 'paragraph', text: 'A paragraph.' }],
      byline: 'By Ana Reporter',
      ...content,
    }),
  );
  a = await newsroom.transition(author, a.id, a.version, { action: 'submit' });
  a = await newsroom.transition(editor, a.id, a.version, { action: 'approve' });
  a = await newsroom.transition(editor, a.id, a.version, { action: 'publish' });
  await relayed(undefined, await snapshotOf(a));
  return a;
}

async function published(name: string, arrangement: FrontArrangement) {
  const draft = await fronts.create(editor, FrontCreateSchema.parse({ name, ...arrangement }));
  return fronts.publish(editor, name, draft.version);
}

const ids = async (name: string) => {
  const live = await store.live(name, true);
  return Object.fromEntries((live?.zones ?? []).map((z) => [z.name, z.entries.map((e) => e.id)]));
};

describe('resolving a front', () => {
  it('places pins, fills section, tag and author rules newest first, and never shows a story twice', async () => {
    const a = await live({ tags: ['int-ferries'] });
    const b = await live({ tags: ['int-ferries'], byline: 'By Cy Writer' });
    const c = await live({ section: 'int-sport' });
    await published('resolve', {
      title: 'Resolve',
      zones: [
        {
          name: 'top',
          slots: [
            { rule: { kind: 'tag', value: 'int-ferries' } },
            { rule: { kind: 'section', value: 'int-city' } },
          ],
        },
        {
          name: 'side',
          slots: [{ pin: { articleId: c.id } }, { rule: { kind: 'author', value: 'cy-writer' } }],
        },
      ],
    });
    // b is the newest ferries story; the city rule skips it (shown) and takes a; the author rule
    // finds only b, already shown, so its slot is empty.
    expect(await ids('resolve')).toEqual({ top: [b.id, a.id], side: [c.id] });
    const entry = (await store.live('resolve', true))?.zones[1]?.entries[0];
    expect(entry).toMatchObject({ id: c.id, slug: c.slug, section: 'int-sport', pinned: true });
  });

  it('resolves again when a story changes, idempotently, and never touches the draft', async () => {
    const a = await live({ section: 'int-relay' });
    await published('relay', {
      title: 'Relay',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: 'int-relay' } }] }],
    });
    const draft = await fronts.get('relay');
    await fronts.save(editor, 'relay', draft.version, {
      title: 'Unpublished edit',
      zones: [{ name: 'other', slots: [{ rule: { kind: 'tag', value: 'nothing' } }] }],
    });
    const serial = (await store.live('relay', true))?.serial;
    const b = await live({ section: 'int-relay' });
    expect(await ids('relay')).toEqual({ top: [b.id] });
    expect((await store.live('relay', true))?.serial).toBe((serial ?? 0) + 1);
    // The same inputs again: nothing written.
    expect(await fronts.resolution.refresh('relay')).toBe('unchanged');
    // The editor's draft edit, made meanwhile, is still there.
    expect(await fronts.get('relay')).toMatchObject({
      title: 'Unpublished edit',
      version: draft.version + 1,
    });

    // Unpublished: it leaves the front, the older story takes the slot.
    const before = await snapshotOf(b);
    const live_ = await articles.get(b.id);
    if (!live_) throw new Error('missing');
    await newsroom.transition(editor, b.id, live_.version, { action: 'unpublish' });
    await relayed(before, undefined);
    expect(await ids('relay')).toEqual({ top: [a.id] });
  });

  it('two resolutions at once both finish, and the front ends as the inputs say', async () => {
    await live({ section: 'int-race' });
    await published('race', {
      title: 'Race',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: 'int-race' } }] }],
    });
    const newer = await live({ section: 'int-other' });
    const draft = await fronts.get('race');
    // Point the published front's rule at the newer story by publishing, racing two relays.
    await fronts.save(editor, 'race', draft.version, {
      title: 'Race',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: 'int-other' } }] }],
    });
    const saved = await fronts.get('race');
    await Promise.all([
      fronts.publish(editor, 'race', saved.version),
      fronts.resolution.refresh('race'),
      fronts.resolution.refresh('race'),
    ]);
    expect(await ids('race')).toEqual({ top: [newer.id] });
  });

  it('a pin that expires gives its slot to the rule, and the expiry is found when due', async () => {
    const ruled = await live({ section: 'int-expiry' });
    const pinned = await live({ section: 'int-elsewhere' });
    const until = new Date(clock.getTime() + 5 * 60_000).toISOString();
    await published('expiry', {
      title: 'Expiry',
      zones: [
        {
          name: 'top',
          slots: [{ pin: { articleId: pinned.id, until }, rule: { kind: 'section', value: 'int-expiry' } }],
        },
      ],
    });
    expect(await ids('expiry')).toEqual({ top: [pinned.id] });
    expect((await store.due(new Date(Date.parse(until) - 1).toISOString())).expiry).toEqual([]);
    expect((await store.due(until)).expiry).toEqual([{ name: 'expiry', at: until }]);
    clock = new Date(Date.parse(until) + 1);
    expect(await fronts.runPinExpiry('expiry')).toEqual({ outcome: 'resolved' });
    expect(await ids('expiry')).toEqual({ top: [ruled.id] });
    expect((await store.due(clock.toISOString())).expiry).toEqual([]);
    expect(await fronts.runPinExpiry('expiry')).toEqual({ outcome: 'unchanged' });
  });

  it('marks an entry live while its coverage is live, and resolves the front again when it starts or ends', async () => {
    const story = await live({ section: 'int-badge' });
    const pinned = await live({ section: 'int-elsewhere' });
    await published('badge', {
      title: 'Badge',
      zones: [
        {
          name: 'top',
          slots: [{ pin: { articleId: pinned.id } }, { rule: { kind: 'section', value: 'int-badge' } }],
        },
      ],
    });
    const entries = async () => (await store.live('badge', true))?.zones[0]?.entries ?? [];
    expect((await entries()).map((e) => [e.id, e.live ?? false])).toEqual([
      [pinned.id, false],
      [story.id, false],
    ]);
    const coverageStore = new LiveStore(db, table);
    const coverage = async () => getItem(db, table, liveKeys.coverage(story.id), true);
    const started = {
      articleId: story.id,
      slug: story.slug,
      state: 'live' as const,
      contributors: [],
      startedAt: clock.toISOString(),
      startedBy: editor.sub,
      endedAt: null,
    };
    // Started: the rule-placed story's entry says so, found through its section's index row.
    await coverageStore.putCoverage(started, null);
    await relayed(undefined, await coverage());
    expect((await entries()).map((e) => [e.id, e.live ?? false])).toEqual([
      [pinned.id, false],
      [story.id, true],
    ]);
    expect(await entries()).toEqual((await fronts.preview('badge')).zones[0]?.entries);
    // Ended: the badge goes.
    const before = await coverage();
    await coverageStore.putCoverage({ ...started, state: 'ended', endedAt: clock.toISOString() }, 'live');
    await relayed(before, await coverage());
    expect((await entries()).map((e) => [e.id, e.live ?? false])).toEqual([
      [pinned.id, false],
      [story.id, false],
    ]);
  });
});
