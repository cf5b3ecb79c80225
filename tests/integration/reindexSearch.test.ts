import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REINDEX_SEARCH_MIGRATION, reindexSearch } from '../../infra/ops/migrations/reindexSearch.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { ENV } from '../../shared/env.ts';
import { analyzeQuery } from '../../shared/search/analyzer.ts';
import { DynamoSearchIndex } from '../../shared/search/dynamoSearchIndex.ts';
import type { SearchScope } from '../../shared/search/keys.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import { mediaKeys } from '../../shared/store/mediaKeys.ts';
import { publishArticle, type TestNewsroom, testNewsroom } from '../support/newsroom.ts';

/**
 * `npm run migrate -- reindex-search` against DynamoDB Local: articles stored before search (no
 * relay ran here) become findable, a second run writes nothing, and a stopped run resumes.
 */
let t: TestNewsroom;
let index: DynamoSearchIndex;
let searchTable: string;
const author: Principal = { sub: 'reindex-author', roles: new Set(['author']) };
const editor: Principal = { sub: 'reindex-editor', roles: new Set(['editor']) };

const found = async (scope: SearchScope, q: string) =>
  (
    await index.search({
      scope,
      query: analyzeQuery(q),
      filters: [],
      limit: 20,
      sort: 'newest',
      entries: false,
    })
  ).hits.map((h) => h.id);

const run = (extra: { from?: string; maxPages?: number; commentsTable?: string } = {}) =>
  reindexSearch({ db: t.db, contentTable: t.env.contentTable, searchTable, pageSize: 5, ...extra });

beforeAll(async () => {
  t = await testNewsroom();
  searchTable = t.env.vars[ENV.searchTable] ?? '';
  index = new DynamoSearchIndex(t.db, searchTable);
});

afterAll(() => t?.db.destroy());

describe(REINDEX_SEARCH_MIGRATION, () => {
  it('indexes live snapshots for readers and working copies for the desk, and a second run writes nothing', async () => {
    const base = {
      section: 'city',
      standfirst: '',
      tags: [],
      byline: '',
      source: null,
      commentsEnabled: false,
    };
    const draft = await t.newsroom.create(author, {
      ...base,
      title: 'Osprey nest spotted',
      body: [{ type: 'paragraph', text: 'An osprey nests by the reservoir.' }],
    } as never);
    const other = await t.newsroom.create(author, {
      ...base,
      title: 'Reservoir levels low',
      body: [{ type: 'paragraph', text: 'The reservoir is at half.' }],
    } as never);
    const live = await publishArticle(t.newsroom, author, editor, other);

    expect(await found('live', 'reservoir ')).toEqual([]);
    const first = await run();
    expect(first).toMatchObject({ live: 1, working: 2, written: 3, next: null });
    expect(await found('live', 'reservoir ')).toEqual([live.id]);
    expect((await found('desk', 'reservoir ')).sort()).toEqual([draft.id, live.id].sort());

    expect(await run()).toMatchObject({ live: 1, working: 2, written: 0 });
  });

  it('indexes media records and, given the comments table, comments; a second run writes nothing', async () => {
    await t.db.send(
      new PutCommand({
        TableName: t.env.contentTable,
        Item: {
          ...mediaKeys.media('01KREINDEXMEDIA0000000000A'),
          type: 'media',
          id: '01KREINDEXMEDIA0000000000A',
          status: 'pending',
          alt: 'Kingfisher on the weir',
          caption: null,
          credit: null,
          licence: null,
          fileName: 'kingfisher_weir.jpg',
          uploadedBy: 'reindex-author',
          createdAt: '2026-11-02T09:00:00.000Z',
          updatedAt: '2026-11-02T09:00:00.000Z',
          version: 1,
          original: null,
          renditions: [],
          failure: null,
        },
      }),
    );
    await t.db.send(
      new PutCommand({
        TableName: t.env.commentsTable,
        Item: {
          ...commentKeys.comment('01KREINDEXCOMMENT00000000A'),
          type: 'comment',
          id: '01KREINDEXCOMMENT00000000A',
          articleId: 'a1',
          articleSlug: 's1',
          articleTitle: 'Story',
          parentId: null,
          depth: 0,
          authorName: 'Ingrid Weir',
          authorEmail: null,
          body: 'Kingfishers nest under the footbridge.',
          status: 'pending',
          createdAt: '2026-11-02T10:00:00.000Z',
          fingerprint: 'f',
          flags: [],
          moderation: [],
          reportCount: 0,
          featured: false,
          replyCount: 0,
        },
      }),
    );
    const withComments = { commentsTable: t.env.commentsTable };
    const first = await run(withComments);
    expect(first).toMatchObject({ media: 1, comments: 1, next: null });
    expect(await found('media', 'kingfisher ')).toEqual(['01KREINDEXMEDIA0000000000A']);
    expect(await found('media', 'weir ')).toEqual(['01KREINDEXMEDIA0000000000A']);
    expect(await found('comments', 'kingfisher ')).toEqual(['01KREINDEXCOMMENT00000000A']);
    expect(await found('comments', 'ingrid ')).toEqual(['01KREINDEXCOMMENT00000000A']);
    expect(await run(withComments)).toMatchObject({ media: 1, comments: 1, written: 0 });

    // Stopped in the comments table's scan, it resumes there.
    const stopped = await run({ ...withComments, maxPages: first.pages - 1 });
    expect(stopped.next).toMatch(/^comments\./);
    expect(await run({ ...withComments, from: stopped.next ?? '' })).toMatchObject({
      live: 0,
      comments: 1,
      next: null,
    });
  });

  it('resumes from the cursor a stopped run printed', async () => {
    const stopped = await run({ maxPages: 1 });
    expect(stopped.next).toEqual(expect.any(String));
    const rest = await run({ from: stopped.next ?? '' });
    expect(rest.next).toBeNull();
  });
});
