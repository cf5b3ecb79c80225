/**
 * The search bench (`BENCH_ONLY=search npm run bench`): what a query costs at 1,000 and at
 * 100,000 articles of realistic length, what indexing a publication writes, and how long a
 * published story takes to be found.
 *
 * The articles are generated in the style of the seed stories: their words drawn, by the
 * frequency of a newsroom's prose (Zipf), from the vocabulary of seeds/content.ts, a headline of
 * about ten words, a standfirst of about 30 and a body of 8 to 14 paragraphs (about 600 words).
 * Four query words are planted at known rates: `council` in 30% of stories (common), `zeppelin`
 * in 0.5% (rare), `harbour` in 15% (found by the prefix `harb`, beside the other words starting
 * `har` the vocabulary holds), and `xylophone` in none.
 *
 * Loading: each story is analyzed by the real analyzer (shared/search/analyzer.ts), and the items
 * the measured queries read are written with BatchWriteItem straight into the search table, in
 * the layout DynamoSearchIndex writes (shared/search/keys.ts): the postings of the query terms
 * and of the prefix key `har`, and the result entries of every story that holds the rare word and
 * of the newest 2,000. A query reads nothing else (a Query reads one partition, BatchGetItem the
 * keys it names), so what it costs is what it would cost over the full index, whose other few
 * hundred postings per story (about 30 million items at 100,000) would take DynamoDB Local hours
 * to load. Indexing itself is measured on its own through DynamoSearchIndex.put.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startCms } from '../../infra/local/cms.ts';
import { issueToken } from '../../infra/local/devAuth.ts';
import { ensureTables } from '../../infra/local/localTables.ts';
import { SEED_ARTICLES } from '../../seeds/content.ts';
import {
  analyzeDocument,
  analyzeQuery,
  prefixKeyOf,
  termOf,
  tokenize,
} from '../../shared/search/analyzer.ts';
import { bodyText } from '../../shared/search/documents.ts';
import { DynamoSearchIndex } from '../../shared/search/dynamoSearchIndex.ts';
import { searchKeys } from '../../shared/search/keys.ts';
import type { SearchDocument } from '../../shared/search/searchIndex.ts';
import { batchPut } from '../../shared/store/batch.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { SEARCH_TABLE } from '../../shared/store/tables.ts';
import { latencyOf, round, timeInterleaved } from './operations.ts';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_SEARCH_SCALE ?? 100_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 100);
const PAGE = 20;
const RATES = { council: 0.3, zeppelin: 0.005, harbour: 0.15 } as const;
const PLANTED = ['council', 'zeppelin', 'harbour', 'xylophone'];
const QUERIES = [
  ['one word (common)', 'council '],
  ['two words (common + rare)', 'council zeppelin '],
  ['prefix', 'harb'],
  ['no hits', 'xylophone '],
] as const;
/** Result entries are written for the newest this many stories (and every one with the rare word). */
const NEWEST_ENTRIES = 2_000;

/** A small deterministic generator: the same stories every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed stories' words, most frequent first, without the planted ones. */
function vocabulary(): string[] {
  const counts = new Map<string, number>();
  for (const { content: a } of SEED_ARTICLES) {
    const text = [a.title, a.standfirst ?? '', bodyText(a.body as Parameters<typeof bodyText>[0])].join(' ');
    for (const { word } of tokenize(text)) {
      if (PLANTED.some((p) => termOf(word) === termOf(p) || word.startsWith('harb'))) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

interface Story {
  title: string;
  standfirst: string;
  body: string;
}

function generator(words: string[]) {
  const rand = random(42);
  // Zipf over the vocabulary's ranks (s = 1): the CDF once, then a binary search per word.
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 1; r <= words.length; r += 1) {
    sum += 1 / r;
    cdf.push(sum);
  }
  const word = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? 'city';
  };
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  return (): { story: Story; planted: Set<string> } => {
    const planted = new Set<string>();
    for (const [w, rate] of Object.entries(RATES)) if (rand() < rate) planted.add(w);
    const paragraphs = Array.from({ length: 8 + Math.floor(rand() * 7) }, () =>
      sentence(40 + Math.floor(rand() * 40)),
    );
    // Each planted word lands in a random paragraph.
    for (const w of planted) {
      const i = Math.floor(rand() * paragraphs.length);
      paragraphs[i] = `${paragraphs[i]} ${w}`;
    }
    return {
      story: {
        title: sentence(8 + Math.floor(rand() * 5)),
        standfirst: sentence(30),
        body: paragraphs.join('\n'),
      },
      planted,
    };
  };
}

const docOf = (id: string, at: string, story: Story): SearchDocument => ({
  scope: 'live',
  id,
  at,
  fields: { title: story.title, standfirst: story.standfirst, body: story.body, section: 'city' },
  filters: ['section:city'],
  entry: {
    id,
    slug: `story-${id.toLowerCase()}`,
    title: story.title,
    standfirst: story.standfirst,
    section: 'city',
    tags: ['council', 'transport'],
    byline: 'Bench Reporter',
    publishedAt: at,
    leadImage: null,
  },
  text: `${story.standfirst}\n${story.body}`.slice(0, 4000),
});

/**
 * Writes the items the measured queries read (see the module comment) for `count` stories, one a
 * minute apart back from now. Stories are analyzed by the real analyzer; a pool of 1,000 distinct
 * texts is reused beyond that (the planted words are drawn per story), which keeps analysis, not
 * DynamoDB, from dominating the load time.
 */
async function load(db: DynamoDBDocumentClient, table: string, count: number, pool: Story[]) {
  const plantedTerms = new Map(PLANTED.map((w) => [w, termOf(w)]));
  const harKey = prefixKeyOf('harbour');
  const rand = random(7);
  const analyzed = pool.map((s) =>
    analyzeDocument({ title: s.title, standfirst: s.standfirst, body: s.body }),
  );
  const start = Date.now();
  let batch: Record<string, unknown>[] = [];
  let written = 0;
  const flush = async () => {
    await batchPut(db, table, batch);
    written += batch.length;
    batch = [];
  };
  for (let i = 0; i < count; i += 1) {
    const n = i % pool.length;
    const story = pool[n] as Story;
    const a = analyzed[n] as ReturnType<typeof analyzeDocument>;
    const id = `B${String(i).padStart(9, '0')}`;
    const at = new Date(start - (count - i) * 60_000).toISOString();
    const sk = searchKeys.posting(at, id);
    const planted = Object.entries(RATES)
      .filter(([, rate]) => rand() < rate)
      .map(([w]) => w);
    for (const w of planted) {
      batch.push({ pk: searchKeys.term('live', plantedTerms.get(w) ?? w), sk, s: 1 + (i % 3) });
    }
    const har = a.prefixes.get(harKey);
    const harWords = [...(har?.words ?? []), ...(planted.includes('harbour') ? ['harbour'] : [])];
    if (harWords.length > 0) {
      batch.push({ pk: searchKeys.prefix('live', harKey), sk, s: (har?.score ?? 0) + 1, w: harWords.sort() });
    }
    if (planted.includes('zeppelin') || i >= count - NEWEST_ENTRIES) {
      const doc = docOf(id, at, { ...story, body: `${story.body} ${planted.join(' ')}` });
      batch.push({ ...searchKeys.document('live', id), at: sk, v: 1, entry: doc.entry, text: doc.text });
    }
    if (batch.length >= 500) await flush();
  }
  await flush();
  return written;
}

/** Requests and capacity units (read and write, by the command) the client spends while `work` runs. */
async function metered<T>(db: DynamoDBDocumentClient, work: () => Promise<T>) {
  const seen = { requests: 0, writeUnits: 0, readUnits: 0 };
  const name = `bench-capacity-${randomBytes(3).toString('hex')}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      seen.requests += 1;
      const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
        CapacityUnits?: number;
      }[];
      const units = list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      if (/Write|Put|Delete|Update/.test(context.commandName ?? '')) seen.writeUnits += units;
      else seen.readUnits += units;
      return out;
    },
    { step: 'initialize', name },
  );
  try {
    const result = await work();
    return { result, ...seen };
  } finally {
    db.middlewareStack.remove(name);
  }
}

/** The issue's promise: a published story is found by readers within this long. */
const SEARCHABLE_WITHIN_MS = 5_000;

export async function searchBench(
  endpoint: string,
  target: (ok: boolean, what: string) => void,
  env: { tokenSecretFile: string; eventsLog: string },
) {
  const result: Record<string, unknown> = {
    settings: {
      small: SMALL,
      large: LARGE,
      pageSize: PAGE,
      runs: RUNS,
      rates: RATES,
      story: 'headline ~10 words, standfirst 30, body 8-14 paragraphs of 40-80 words (~600 words)',
    },
  };
  const words = vocabulary();
  const next = generator(words);
  const pool = Array.from({ length: 1_000 }, () => next().story);

  const db = createDocumentClient(endpoint);
  const tables: Record<string, string> = {};
  const loads: Record<string, unknown> = {};
  for (const [label, count] of [
    ['small', SMALL],
    ['large', LARGE],
  ] as const) {
    const names = await ensureTables(endpoint, `bsearch${label}${randomBytes(2).toString('hex')}`);
    const table = names[SEARCH_TABLE.id] ?? '';
    tables[label] = table;
    const t0 = performance.now();
    const items = await load(db, table, count, pool);
    const seconds = round((performance.now() - t0) / 1000, 1);
    loads[label] = { articles: count, items, seconds };
    console.log(`search: loaded ${count} articles (${items} items) in ${seconds} s`);
  }
  result.load = loads;

  const small = new DynamoSearchIndex(db, tables.small ?? '');
  const large = new DynamoSearchIndex(db, tables.large ?? '');
  const request = (q: string) => ({
    scope: 'live' as const,
    query: analyzeQuery(q),
    filters: [],
    limit: PAGE,
    sort: 'newest' as const,
    entries: true,
  });
  const queries: Record<string, unknown> = {};
  console.log(`\nsearch queries, page of ${PAGE}: ${SMALL} vs ${LARGE} articles (${RUNS} runs each)`);
  for (const [name, q] of QUERIES) {
    const [a, b] = await Promise.all([small.search(request(q)), large.search(request(q))]);
    const timed = await timeInterleaved(
      RUNS,
      () => small.search(request(q)),
      () => large.search(request(q)),
    );
    const figures = {
      q,
      small: { hits: a.hits.length, ...a.cost, ...latencyOf(timed.work) },
      large: { hits: b.hits.length, ...b.cost, ...latencyOf(timed.other) },
      readUnitsRatio: a.cost.readUnits > 0 ? round(b.cost.readUnits / a.cost.readUnits) : null,
      requestsRatio: a.cost.requests > 0 ? round(b.cost.requests / a.cost.requests) : null,
    };
    queries[name] = figures;
    console.log(
      `${name.padEnd(27)} ${SMALL}: ${a.hits.length} hits, ${a.cost.requests} req, ${a.cost.readUnits} RRU, p50 ${figures.small.p50} ms, p99 ${figures.small.p99} ms   ` +
        `${LARGE}: ${b.hits.length} hits, ${b.cost.requests} req, ${b.cost.readUnits} RRU, p50 ${figures.large.p50} ms, p99 ${figures.large.p99} ms`,
    );
    target(
      b.cost.readUnits <= 2 * a.cost.readUnits && b.cost.requests <= 2 * a.cost.requests,
      `search "${q}" at ${LARGE} articles costs ${b.cost.requests} requests / ${b.cost.readUnits} RRU, over twice the ${a.cost.requests} / ${a.cost.readUnits} at ${SMALL} (page of ${PAGE})`,
    );
  }
  result.queries = queries;

  // Indexing a publication: a new story's document whole, then an edit of one paragraph.
  const fresh = new DynamoSearchIndex(db, tables.small ?? '');
  const story = pool[0] as Story;
  const at = new Date().toISOString();
  const first = await metered(db, () => fresh.put(docOf('BWRITE000000', at, story)));
  const edited = {
    ...story,
    body: story.body.replace(/^[^\n]*/, 'The council voted on the harbour budget today'),
  };
  const edit = await metered(db, () => fresh.put(docOf('BWRITE000000', at, edited)));
  const again = await metered(db, () => fresh.put(docOf('BWRITE000000', at, edited)));
  const analyzed = analyzeDocument({ title: story.title, standfirst: story.standfirst, body: story.body });
  result.indexWrites = {
    distinctTerms: analyzed.terms.size,
    prefixKeys: analyzed.prefixes.size,
    firstPublication: { requests: first.requests, writeUnits: first.writeUnits, readUnits: first.readUnits },
    editOfOneParagraph: { requests: edit.requests, writeUnits: edit.writeUnits, readUnits: edit.readUnits },
    unchangedRetry: { requests: again.requests, writeUnits: again.writeUnits, readUnits: again.readUnits },
  };
  console.log(
    `\nindex writes per publication (a ~600-word story: ${analyzed.terms.size} terms, ${analyzed.prefixes.size} prefix keys): first ${first.writeUnits} WRU in ${first.requests} requests; an edit of one paragraph ${edit.writeUnits} WRU; an unchanged retry ${again.writeUnits} WRU`,
  );
  db.destroy();

  const searchable = await commitToSearchable(endpoint, env);
  result.commitToSearchable = searchable;
  target(
    searchable.max <= SEARCHABLE_WITHIN_MS,
    `a published story took up to ${searchable.max} ms to be found, over ${SEARCHABLE_WITHIN_MS} ms`,
  );
  return result;
}

/**
 * From a publish's answer to the story being found by readers' search, through the local gateway
 * and the relay polling the streams every 250 ms (as under `npm start`).
 */
async function commitToSearchable(endpoint: string, env: { tokenSecretFile: string; eventsLog: string }) {
  const tokenSecret = 'bench-search';
  const cms = await startCms({
    endpoint,
    tablePrefix: `bsearchlive${randomBytes(2).toString('hex')}`,
    port: 0,
    tokenSecret,
    secretsFile: env.tokenSecretFile,
    eventsLog: env.eventsLog,
    schedulerIntervalMs: 0,
    outboxIntervalMs: 250,
    seed: false,
  });
  const samples: number[] = [];
  try {
    const author = await issueToken({ secret: tokenSecret, roles: ['author'], sub: 'bench-author' });
    const editor = await issueToken({ secret: tokenSecret, roles: ['editor'], sub: 'bench-editor' });
    const call = async (token: string, method: string, path: string, body?: unknown, etag?: string) => {
      const res = await fetch(`${cms.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(etag ? { 'if-match': etag } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return { json, etag: res.headers.get('etag') ?? '' };
    };
    const words = vocabulary();
    const next = generator(words.slice(0, 3000));
    for (let i = 0; i < 5; i += 1) {
      const { story } = next();
      const marker = `benchmarker${i}${randomBytes(2).toString('hex')}`.replace(
        /\d/g,
        (d) => 'abcdefghij'[Number(d)] ?? 'x',
      );
      const created = await call(author, 'POST', '/v1/admin/articles', {
        title: story.title.slice(0, 120),
        section: 'city',
        standfirst: story.standfirst.slice(0, 280),
        body: story.body
          .split('\n')
          .map((text, j) => ({ type: 'paragraph', text: j === 3 ? `${text} ${marker}` : text })),
      });
      const id = String(created.json.id);
      const submitted = await call(
        author,
        'POST',
        `/v1/admin/articles/${id}/transitions`,
        { action: 'submit' },
        created.etag,
      );
      const approved = await call(
        editor,
        'POST',
        `/v1/admin/articles/${id}/transitions`,
        { action: 'approve' },
        submitted.etag,
      );
      await call(
        editor,
        'POST',
        `/v1/admin/articles/${id}/transitions`,
        { action: 'publish' },
        approved.etag,
      );
      const t0 = performance.now();
      for (;;) {
        const res = await fetch(`${cms.url}/v1/search?q=${marker}%20`);
        const found = ((await res.json()) as { items?: { id: string }[] }).items ?? [];
        if (found.some((hit) => hit.id === id)) break;
        if (performance.now() - t0 > 30_000) throw new Error('not searchable within 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      samples.push(performance.now() - t0);
    }
  } finally {
    await cms.stop();
  }
  const figures = {
    samples: samples.length,
    pollMs: 250,
    ...latencyOf(samples),
    max: round(Math.max(...samples)),
  };
  console.log(
    `commit to searchable (relay polling every 250 ms): p50 ${figures.p50} ms, max ${figures.max} ms over ${samples.length} publications`,
  );
  return figures;
}
