import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REBUILD_SYNDICATION_MIGRATION,
  rebuildSyndication,
} from '../../infra/ops/migrations/rebuildSyndication.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { SyndicationReader } from '../../shared/store/syndicationStore.ts';
import { publishArticle, type TestNewsroom, testNewsroom } from '../support/newsroom.ts';

/**
 * `npm run migrate -- rebuild-syndication` on DynamoDB Local: stories live before feeds existed
 * (no relay ran here, so no feed entry was derived) reach the site feed, their section's and tag's
 * feeds and their month's sitemap; a stopped run resumes, and a second run changes no count.
 */
let t: TestNewsroom;
let reader: SyndicationReader;
const author: Principal = { sub: 'rebuild-author', roles: new Set(['author']) };
const editor: Principal = { sub: 'rebuild-editor', roles: new Set(['editor']) };
const ids: string[] = [];

const run = (extra: { from?: string; maxPages?: number } = {}) =>
  rebuildSyndication({ db: t.db, contentTable: t.env.contentTable, pageSize: 3, ...extra });

beforeAll(async () => {
  t = await testNewsroom();
  reader = new SyndicationReader(t.db, t.env.contentTable);
  for (const [i, title] of ['Tram line opens', 'Library hours cut', 'Ferry timetable changes'].entries()) {
    const draft = await t.newsroom.create(author, {
      title,
      standfirst: `Summary ${i}`,
      section: 'city',
      tags: i === 0 ? ['transport'] : [],
      byline: 'A Reporter',
      source: null,
      commentsEnabled: false,
      body: [{ type: 'paragraph', text: `${title}, as the council said on Monday.` }],
    } as never);
    ids.push((await publishArticle(t.newsroom, author, editor, draft)).id);
  }
  // A draft is never syndicated, rebuilt or not.
  await t.newsroom.create(author, {
    title: 'Unfinished draft',
    standfirst: '',
    section: 'city',
    tags: [],
    byline: '',
    source: null,
    commentsEnabled: false,
    body: [{ type: 'paragraph', text: 'Not yet.' }],
  } as never);
});

afterAll(() => t?.db.destroy());

describe(REBUILD_SYNDICATION_MIGRATION, () => {
  it('puts live stories in their feeds and month sitemap, resumably, and a second run changes no count', async () => {
    expect(await reader.feed('all')).toEqual([]);

    // Stopped after one page of three items: it says where to go on, and going on finishes.
    const first = await run({ maxPages: 1 });
    expect(first.next).not.toBeNull();
    const rest = await run({ from: first.next ?? undefined });
    expect(rest.next).toBeNull();
    expect(first.live + rest.live).toBe(3);

    const site = await reader.feed('all');
    expect(site.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect((await reader.feed('section#city')).length).toBe(3);
    expect((await reader.feed('tag#transport')).map((e) => e.title)).toEqual(['Tram line opens']);
    const months = await reader.months();
    expect(months).toHaveLength(1);
    const month = months[0]?.month ?? '';
    expect((await reader.month(month)).length).toBe(3);

    // Again from the start: the same entries, and the month still counts three stories.
    expect(await run()).toMatchObject({ live: 3, next: null });
    expect((await reader.feed('all')).length).toBe(3);
    expect(await reader.months()).toEqual(months);
    expect((await reader.month(month)).length).toBe(3);
  });
});
