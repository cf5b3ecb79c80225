import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env.ts';
import { analyzeQuery } from '../../shared/search/analyzer.ts';
import { DynamoSearchIndex, RELEVANCE_WINDOW } from '../../shared/search/dynamoSearchIndex.ts';
import { filterTerm } from '../../shared/search/keys.ts';
import type { SearchDocument, SearchRequest } from '../../shared/search/searchIndex.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { createTestEnv } from '../support/env.ts';

/** The search index itself, against DynamoDB Local: what is found, in what order, at what cost. */
let db: ReturnType<typeof createDocumentClient>;
let index: DynamoSearchIndex;

const id = (n: number) => `01KB${String(n).padStart(22, '0')}`;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();

const doc = (
  n: number,
  fields: SearchDocument['fields'],
  extra: Partial<SearchDocument> = {},
): SearchDocument => ({
  scope: 'live',
  id: id(n),
  at: at(n),
  fields,
  filters: [],
  entry: { title: fields.title ?? '' },
  text: fields.body ?? '',
  ...extra,
});

const search = (q: string, extra: Partial<SearchRequest> = {}, on: DynamoSearchIndex = index) =>
  on.search({
    scope: 'live',
    query: analyzeQuery(q),
    filters: [],
    limit: 10,
    sort: 'newest',
    entries: true,
    ...extra,
  });
const ids = async (q: string, extra: Partial<SearchRequest> = {}) =>
  (await search(q, extra)).hits.map((h) => h.id);

beforeAll(async () => {
  const env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  index = new DynamoSearchIndex(db, env.vars[ENV.searchTable] ?? '');
  await index.put(doc(1, { title: 'Councils agree harbour budget', body: 'The councils met in Zürich.' }));
  await index.put(
    doc(2, { title: 'Harbour wall repairs begin', body: 'The council said work starts Monday.' }),
  );
  await index.put(doc(3, { title: 'Library opens late', body: 'Readers welcomed the longer hours.' }));
});

afterAll(() => db?.destroy());

describe('search index', () => {
  it('finds a word in the body, newest first, with the entry and text a hit shows', async () => {
    const page = await search('monday ');
    expect(page.hits).toEqual([
      expect.objectContaining({
        id: id(2),
        entry: { title: 'Harbour wall repairs begin' },
        text: expect.stringContaining('Monday'),
      }),
    ]);
    expect(await ids('harbour ')).toEqual([id(2), id(1)]);
  });

  it('stems (councils finds council) and folds accents (zurich finds Zürich)', async () => {
    expect(await ids('councils ')).toEqual([id(2), id(1)]);
    expect(await ids('zurich ')).toEqual([id(1)]);
    expect(await ids('ZÜRICH ')).toEqual([id(1)]);
  });

  it('matches the word being typed as a prefix', async () => {
    expect(await ids('libr')).toEqual([id(3)]);
    expect(await ids('harbour rep')).toEqual([id(2)]);
    expect(await ids('harbour rep ')).toEqual([]);
  });

  it('requires every word', async () => {
    expect(await ids('harbour budget ')).toEqual([id(1)]);
    expect(await ids('harbour library ')).toEqual([]);
    expect(await ids('lighthouse ')).toEqual([]);
  });

  it('finds nothing for stop words alone, and reads nothing for them', async () => {
    const page = await search('the and ');
    expect(page.hits).toEqual([]);
    expect(page.cost.requests).toBe(0);
  });

  it('ranks by relevance on request: a headline word above a body word', async () => {
    expect((await search('council ', { sort: 'relevance' })).hits.map((h) => h.id)).toEqual([id(1), id(2)]);
  });

  it('keeps to a date range', async () => {
    expect(await ids('harbour ', { from: at(2) })).toEqual([id(2)]);
    expect(await ids('harbour ', { to: at(1) })).toEqual([id(1)]);
  });

  it('requires filter terms', async () => {
    await index.put(
      doc(
        10,
        { title: 'Ferry timetable draft', body: '' },
        { scope: 'desk', filters: [filterTerm('status', 'draft')] },
      ),
    );
    await index.put(
      doc(
        11,
        { title: 'Ferry fares rise', body: '' },
        { scope: 'desk', filters: [filterTerm('status', 'published')] },
      ),
    );
    const desk = (filters: string[]) =>
      index
        .search({
          scope: 'desk',
          query: analyzeQuery('ferry '),
          filters,
          limit: 10,
          sort: 'newest',
          entries: false,
        })
        .then((p) => p.hits.map((h) => h.id));
    expect(await desk([])).toEqual([id(11), id(10)]);
    expect(await desk([filterTerm('status', 'draft')])).toEqual([id(10)]);
    // The scopes never meet: readers' search does not see the desk's documents.
    expect(await ids('ferry ')).toEqual([]);
  });

  it('follows an edit: a word taken out is no longer found, a new one is', async () => {
    await index.put(doc(20, { title: 'Tram line opens', body: 'Passengers cheered.' }));
    expect(await ids('tram passengers ')).toEqual([id(20)]);
    await index.put(doc(20, { title: 'Tram line opens', body: 'Commuters cheered.' }));
    expect(await ids('passengers ')).toEqual([]);
    expect(await ids('commuters ')).toEqual([id(20)]);
  });

  it('takes a removed document out, but not when a newer source has replaced it', async () => {
    await index.put(doc(30, { title: 'Kiosk reopens' }, { source: 'kiosk-v2' }));
    await index.remove('live', id(30), 'kiosk-v1');
    expect(await ids('kiosk ')).toEqual([id(30)]);
    await index.remove('live', id(30), 'kiosk-v2');
    expect(await ids('kiosk ')).toEqual([]);
    expect(await index.termsOf('live', id(30))).toBeNull();
  });

  // Ten documents in pages of four: the same three pages (full, full, short) as any larger count.
  it('pages newest first with cursors, each document once', async () => {
    for (let n = 100; n < 110; n += 1) await index.put(doc(n, { title: `Regatta report ${n}` }));
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: SearchRequest['cursor'];
    for (let pages = 0; pages < 5; pages += 1) {
      const page = await search('regatta ', { cursor, limit: 4 });
      seen.push(...page.hits.map((h) => h.id));
      sizes.push(page.hits.length);
      if (!page.next) break;
      cursor = page.next;
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => id(109 - i)));
  });

  // The common word's postings fill two and a half Query chunks, as 250 documents do against the
  // chunk of 100 in production: an index reading postings 12 at a time needs only 30 documents.
  it('costs reads by the page and the rarest word, not by how many documents hold the common one', async () => {
    const chunked = new DynamoSearchIndex(db, index.tableName, { chunk: 12 });
    for (let n = 200; n < 230; n += 1) {
      await chunked.put(
        doc(n, { title: `Weather ${n % 6 === 0 ? 'lighthouse' : 'update'}`, body: 'Weather.' }),
      );
    }
    const common = await search('weather ', {}, chunked);
    expect(common.hits).toHaveLength(10);
    expect(common.cost.requests).toBeLessThanOrEqual(2);
    // The rare word drives: its five postings, the common word's first chunk, the entries.
    const both = await search('weather lighthouse ', {}, chunked);
    expect(both.hits).toHaveLength(5);
    expect(both.cost.requests).toBeLessThanOrEqual(4);
    const ranked = await search('weather ', { sort: 'relevance', limit: 5 }, chunked);
    expect(ranked.hits).toHaveLength(5);
    expect(RELEVANCE_WINDOW).toBeGreaterThanOrEqual(100);
  });
});
