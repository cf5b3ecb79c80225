import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTaxonomyRecords } from '../../infra/ops/migrations/taxonomyRecords.ts';
import { sectionRecord } from '../../seeds/taxonomy.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { keys } from '../../shared/store/keys.ts';
import { taxonomyKeys } from '../../shared/store/taxonomyKeys.ts';
import { TaxonomyStore } from '../../shared/store/taxonomyStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * `npm run migrate -- taxonomy-records` on DynamoDB Local, over articles stored while sections and
 * tags were free strings: records appear for each, a record editors already made is left as it is,
 * a renamed slug keeps its 301 instead of becoming a record again, and a stopped run resumes.
 */
let env: TestEnv;
let db: ReturnType<typeof createDocumentClient>;
let store: TaxonomyStore;

const ARTICLES = [
  { section: 'city', tags: ['harbour', 'storms'] },
  { section: 'sport', tags: ['rowing'] },
  { section: 'city', tags: ['harbour'] },
  { section: 'old-news', tags: ['bin-strike'] },
  { section: 'culture', tags: [] },
];

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  store = new TaxonomyStore(db, env.contentTable);
  let n = 0;
  for (const article of ARTICLES) {
    n += 1;
    const id = `01KAX3TT6V3Q7D0Y6M1V0C5N${String(n).padStart(2, '0')}`;
    await db.send(
      new PutCommand({
        TableName: env.contentTable,
        Item: { ...keys.working(id), type: 'article', id, ...article },
      }),
    );
    await db.send(
      new PutCommand({
        TableName: env.contentTable,
        Item: { ...keys.liveSnapshot(`story-${n}`), type: 'snapshot', id, ...article },
      }),
    );
  }
  // Before the run: a section an editor made (its name must survive), a renamed section and tag.
  await store.createMissing('section', [
    sectionRecord({ slug: 'city', name: 'City desk', description: 'Ours', parent: null }),
  ]);
  await store.createMissing('section', [
    sectionRecord({ slug: 'news', name: 'News', description: '', parent: null }),
  ]);
  for (const [kind, from, to] of [
    ['section', 'old-news', 'news'],
    ['tag', 'bin-strike', 'refuse-strike'],
  ] as const) {
    await db.send(
      new PutCommand({
        TableName: env.contentTable,
        Item: { ...taxonomyKeys.moved(kind, from), type: 'movedSlug', to },
      }),
    );
  }
});
afterAll(() => db?.destroy());

describe('taxonomy-records', () => {
  it('creates records for the free strings, resumes from its cursor, and writes nothing the second time', async () => {
    const lines: string[] = [];
    const first = await migrateTaxonomyRecords({
      db,
      contentTable: env.contentTable,
      pageSize: 3,
      maxPages: 1,
      log: (line) => lines.push(line),
    });
    expect(first.next).not.toBeNull();
    const rest = await migrateTaxonomyRecords({
      db,
      contentTable: env.contentTable,
      pageSize: 3,
      from: first.next ?? '',
    });
    expect(rest.next).toBeNull();

    const sections = await store.listSections(true);
    expect(sections.map((s) => s.slug).sort()).toEqual(['city', 'culture', 'news', 'sport']);
    expect(sections.find((s) => s.slug === 'city')?.name).toBe('City desk');
    expect(sections.find((s) => s.slug === 'sport')).toMatchObject({
      name: 'Sport',
      parent: null,
      version: 1,
    });
    const tags = await store.listTags(undefined, 50);
    expect(tags.items.map((t) => t.slug)).toEqual(['harbour', 'rowing', 'storms']);
    expect(first.sectionsCreated + rest.sectionsCreated).toBe(2);
    expect(first.tagsCreated + rest.tagsCreated).toBe(3);

    const again = await migrateTaxonomyRecords({ db, contentTable: env.contentTable, pageSize: 3 });
    expect(again).toMatchObject({ articles: 10, sectionsCreated: 0, tagsCreated: 0, next: null });
  });
});
