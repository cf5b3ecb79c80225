import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BatchUnfinished } from '../store/batch.ts';
import { type AnalyzedQuery, prefixMatches } from './analyzer.ts';
import { idOfPosting, searchKeys } from './keys.ts';
import type { IndexTable } from './postingWrites.ts';
import type { SearchCursor, SearchHit, SearchPage, SearchRequest } from './searchIndex.ts';

/**
 * Answering a query: the rarest term drives, the others are checked by key for only the
 * candidates the page still needs, so reads follow the page size and not the archive's.
 */

/** Postings one Query reads: a term's first chunk also serves as its rarity estimate. */
const CHUNK = 100;
/**
 * The driving term's postings one request may scan. Past it the request answers with the hits it
 * has and a cursor after the last posting it scanned (a short page, never an unbounded one).
 */
const MAX_SCANNED = 2000;
/** Relevance ranks the newest this many matches (docs/search.md, limits). */
export const RELEVANCE_WINDOW = 100;
const GET_BATCH = 100;
const GET_ATTEMPTS = 8;

type Item = Record<string, unknown>;

/** A query's clause: one term (or filter) that must match, or the prefix being typed. */
interface Clause {
  pk: string;
  prefix: AnalyzedQuery['prefix'];
  /** Matching postings read so far, by sort key, with their weight; `order` is their order. */
  seen: Map<string, number>;
  order: string[];
  /** The oldest posting read (matching or not): everything newer is known for this clause. */
  bottom: string | undefined;
  lastKey: Item | undefined;
  done: boolean;
}

/** A posting's weight when it satisfies the clause, else null (a prefix posting without the prefix). */
function accept(clause: Clause, item: Item): number | null {
  const s = typeof item.s === 'number' ? item.s : 0;
  if (!clause.prefix) return s;
  const words = Array.isArray(item.w) ? (item.w as unknown[]) : [];
  const prefix = clause.prefix;
  return words.some((w) => typeof w === 'string' && prefixMatches(prefix, w)) ? s : null;
}

const covers = (clause: Clause, sk: string) =>
  clause.done || (clause.bottom !== undefined && sk >= clause.bottom);

export async function runSearch(t: IndexTable, request: SearchRequest): Promise<SearchPage> {
  const cost = { requests: 0, readUnits: 0 };
  const { query, scope } = request;
  if (query.terms.length === 0 && !query.prefix) return { hits: [], next: null, cost };
  const clause = (pk: string, prefix: AnalyzedQuery['prefix'] = null): Clause => ({
    pk,
    prefix,
    seen: new Map(),
    order: [],
    bottom: undefined,
    lastKey: undefined,
    done: false,
  });
  const clauses = [
    ...[...new Set([...query.terms, ...request.filters])].map((t) => clause(searchKeys.term(scope, t))),
    ...(query.prefix ? [clause(searchKeys.prefix(scope, query.prefix.key), query.prefix)] : []),
  ];
  const after = request.cursor && 'after' in request.cursor ? request.cursor.after : undefined;
  const read = (c: Clause) => readChunk(t, c, request, after, cost);

  await Promise.all(clauses.map(read));
  // A term with no posting in range: nothing can match, and nothing more is read.
  if (clauses.some((c) => c.done && c.order.length === 0)) return { hits: [], next: null, cost };
  // The rarest drives: a term read to its end, else the one whose chunk reaches furthest back.
  const [driver, ...others] = [...clauses].sort((a, b) => {
    if (a.done !== b.done) return a.done ? -1 : 1;
    if (a.done) return a.order.length - b.order.length;
    return (a.bottom ?? '').localeCompare(b.bottom ?? '');
  });
  if (!driver) return { hits: [], next: null, cost };

  const relevance = request.sort === 'relevance';
  const want = relevance ? RELEVANCE_WINDOW : request.limit + 1;
  const matches: { sk: string; score: number }[] = [];
  let processed = 0;
  let scanned = driver.order.length;
  for (;;) {
    // Check only as many candidates as the page still needs (twice over), not the whole chunk.
    const slice = driver.order.slice(processed, processed + Math.max(8, (want - matches.length) * 2));
    const unknown = others.flatMap((c) =>
      slice.filter((sk) => !covers(c, sk)).map((sk) => ({ pk: c.pk, sk })),
    );
    const fetched = await getPostings(t, unknown, cost);
    for (const sk of slice) {
      processed += 1;
      let score = driver.seen.get(sk) ?? 0;
      for (const c of others) {
        const weight = covers(c, sk) ? (c.seen.get(sk) ?? null) : lookup(c, sk, fetched);
        if (weight === null) {
          score = -1;
          break;
        }
        score += weight;
      }
      if (score >= 0) matches.push({ sk, score });
      if (matches.length >= want) break;
    }
    if (matches.length >= want) break;
    if (processed < driver.order.length) continue;
    if (driver.done || scanned >= MAX_SCANNED) break;
    const before = driver.order.length;
    await read(driver);
    scanned += t.chunk ?? CHUNK;
    if (driver.order.length === before && driver.done) break;
  }

  let page: { sk: string; score: number }[];
  let next: SearchCursor | null;
  if (relevance) {
    const offset = request.cursor && 'offset' in request.cursor ? request.cursor.offset : 0;
    const ranked = [...matches].sort((a, b) => b.score - a.score || b.sk.localeCompare(a.sk));
    page = ranked.slice(offset, offset + request.limit);
    next = offset + request.limit < ranked.length ? { offset: offset + request.limit } : null;
  } else {
    page = matches.slice(0, request.limit);
    const stoppedEarly = processed < driver.order.length || !driver.done;
    const last = page.at(-1)?.sk;
    if (matches.length > request.limit && last) next = { after: last };
    else if (stoppedEarly) {
      // The scan budget ran out: go on after the last posting scanned (the page may be short).
      const position = processed < driver.order.length ? driver.order[processed - 1] : driver.bottom;
      next = position ? { after: position } : null;
    } else next = null;
  }

  const entries = request.entries
    ? await getItems(
        t,
        page.map(({ sk }) => searchKeys.document(scope, idOfPosting(sk))),
        cost,
        ['entry', 'text'],
      )
    : null;
  const byId = new Map((entries ?? []).map((item) => [String(item.pk), item]));
  const hits: SearchHit[] = page.flatMap(({ sk, score }): SearchHit[] => {
    const id = idOfPosting(sk);
    const at = sk.slice(0, sk.indexOf('#'));
    if (!entries) return [{ id, at, score, entry: null, text: '' }];
    // Its entry is gone: removed since its postings were read (or mid-removal). Not a hit.
    const item = byId.get(searchKeys.document(scope, id).pk);
    if (!item) return [];
    return [{ id, at, score, entry: (item.entry ?? {}) as Item, text: String(item.text ?? '') }];
  });
  return { hits, next, cost };
}

async function readChunk(
  t: IndexTable,
  c: Clause,
  request: SearchRequest,
  after: string | undefined,
  cost: SearchPage['cost'],
) {
  const start = c.lastKey ?? (after ? { pk: c.pk, sk: after } : undefined);
  const result = await t.db.send(
    new QueryCommand({
      TableName: t.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', ...(c.prefix ? { '#w': 'w' } : {}), '#s': 's' },
      ExpressionAttributeValues: {
        ':pk': c.pk,
        // Sort keys are `<ISO instant>#<id>`: '0' is below and U+FFFF above every one.
        ':lo': request.from ?? '0',
        ':hi': request.to ? `${request.to}#\uffff` : '\uffff',
      },
      ProjectionExpression: c.prefix ? '#sk, #s, #w' : '#sk, #s',
      ScanIndexForward: false,
      Limit: t.chunk ?? CHUNK,
      ReturnConsumedCapacity: 'TOTAL',
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  cost.requests += 1;
  cost.readUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
  for (const item of result.Items ?? []) {
    const sk = String(item.sk);
    c.bottom = sk;
    const weight = accept(c, item);
    if (weight === null) continue;
    c.seen.set(sk, weight);
    c.order.push(sk);
  }
  c.lastKey = result.LastEvaluatedKey;
  c.done = result.LastEvaluatedKey === undefined;
}

/** Postings by key, found ones by `pk\nsk`. */
async function getPostings(t: IndexTable, keys: { pk: string; sk: string }[], cost: SearchPage['cost']) {
  const items = await getItems(t, keys, cost, ['s', 'w']);
  return new Map(items.map((item) => [`${String(item.pk)}\n${String(item.sk)}`, item]));
}

/** BatchGetItem with its consumed capacity counted; unprocessed keys retried with backoff. */
async function getItems(
  t: IndexTable,
  keys: { pk: string; sk: string }[],
  cost: SearchPage['cost'],
  attributes: string[],
) {
  const found: Item[] = [];
  const names = ['pk', 'sk', ...attributes];
  const projection = {
    ProjectionExpression: names.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
  };
  for (let i = 0; i < keys.length; i += GET_BATCH) {
    let pending: Item[] = keys.slice(i, i + GET_BATCH);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= GET_ATTEMPTS) throw new BatchUnfinished(pending.length);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result: BatchGetCommandOutput = await t.db.send(
        new BatchGetCommand({
          RequestItems: { [t.tableName]: { Keys: pending, ...projection } },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      cost.requests += 1;
      cost.readUnits += (result.ConsumedCapacity ?? []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      found.push(...(result.Responses?.[t.tableName] ?? []));
      pending = result.UnprocessedKeys?.[t.tableName]?.Keys ?? [];
    }
  }
  return found;
}

function lookup(c: Clause, sk: string, fetched: Map<string, Item>): number | null {
  const item = fetched.get(`${c.pk}\n${sk}`);
  return item ? accept(c, item) : null;
}
