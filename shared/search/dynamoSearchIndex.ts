import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { BatchUnfinished, batchDelete, batchPut } from '../store/batch.ts';
import { ANALYZER_VERSION, type AnalyzedQuery, analyzeDocument, prefixMatches } from './analyzer.ts';
import { idOfPosting, type SearchScope, searchKeys } from './keys.ts';
import type {
  SearchCursor,
  SearchDocument,
  SearchHit,
  SearchIndex,
  SearchPage,
  SearchRequest,
} from './searchIndex.ts';

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
interface PostingAttrs {
  s: number;
  w?: string[];
}
interface TermsItem {
  at: string;
  v: number;
  t: Record<string, number>;
  p: Record<string, { w: string[]; s: number }>;
  source?: string;
  /** A digest of the document as last indexed: an unchanged one is not written again. */
  hash?: string;
}

/** The postings a document is listed under: partition key → attributes. */
function postingsOf(scope: SearchScope, terms: Pick<TermsItem, 't' | 'p'>): Map<string, PostingAttrs> {
  const out = new Map<string, PostingAttrs>();
  for (const [term, s] of Object.entries(terms.t)) out.set(searchKeys.term(scope, term), { s });
  for (const [key, { w, s }] of Object.entries(terms.p)) out.set(searchKeys.prefix(scope, key), { s, w });
  return out;
}

const samePosting = (a: PostingAttrs | undefined, b: PostingAttrs) =>
  a !== undefined && a.s === b.s && (a.w ?? []).join(' ') === (b.w ?? []).join(' ');

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

/**
 * The search index on DynamoDB (layout in keys.ts). Writes come only from the relay; reads are
 * bounded by the page asked for, whatever the archive's size.
 */
export class DynamoSearchIndex implements SearchIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(doc: SearchDocument): Promise<boolean> {
    const termsKey = searchKeys.terms(doc.scope, doc.id);
    const old = await this.termsOf(doc.scope, doc.id);
    // Nothing it shows or is found by changed (a retried record, a second reindex): nothing to write.
    const hash = createHash('sha256')
      .update(JSON.stringify([ANALYZER_VERSION, doc]))
      .digest('base64url');
    if (old?.hash === hash && old.v === ANALYZER_VERSION) return false;
    const analyzed = analyzeDocument(doc.fields);
    const next: TermsItem = {
      at: searchKeys.posting(doc.at, doc.id),
      v: ANALYZER_VERSION,
      t: Object.fromEntries([...analyzed.terms, ...doc.filters.map((f) => [f, 0] as const)]),
      p: Object.fromEntries(
        [...analyzed.prefixes].map(([key, { words, score }]) => [key, { w: words, s: score }]),
      ),
      ...(doc.source !== undefined ? { source: doc.source } : {}),
      hash,
    };
    const wanted = postingsOf(doc.scope, next);
    const had = old ? postingsOf(doc.scope, old) : new Map<string, PostingAttrs>();
    // Same date and analyzer: only what changed is written. Otherwise every posting moves.
    const inPlace = old !== null && old.at === next.at && old.v === ANALYZER_VERSION;
    const puts = [...wanted]
      .filter(([pk, attrs]) => !inPlace || !samePosting(had.get(pk), attrs))
      .map(([pk, attrs]) => ({ pk, sk: next.at, ...attrs }));
    const deletes = old
      ? [...had.keys()]
          .filter((pk) => !wanted.has(pk) || old.at !== next.at)
          .map((pk) => ({ pk, sk: old.at }))
      : [];
    await batchPut(this.db, this.tableName, puts);
    const left = await batchDelete(this.db, this.tableName, deletes);
    if (left.length > 0) throw new BatchUnfinished(left.length, 'undeleted');
    // The entry and the terms last: a retry after a failure above diffs against the old terms again.
    await batchPut(this.db, this.tableName, [
      {
        ...searchKeys.document(doc.scope, doc.id),
        at: next.at,
        v: ANALYZER_VERSION,
        entry: doc.entry,
        text: doc.text,
        ...(doc.source !== undefined ? { source: doc.source } : {}),
      },
      { ...termsKey, ...next },
    ]);
    return true;
  }

  async remove(scope: SearchScope, id: string, source?: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: searchKeys.document(scope, id),
          ...(source !== undefined
            ? {
                ConditionExpression: 'attribute_not_exists(pk) OR #source = :source',
                ExpressionAttributeNames: { '#source': 'source' },
                ExpressionAttributeValues: { ':source': source },
              }
            : {}),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return;
      throw error;
    }
    const old = await this.termsOf(scope, id);
    if (!old) return;
    const left = await batchDelete(
      this.db,
      this.tableName,
      [...postingsOf(scope, old).keys()].map((pk) => ({ pk, sk: old.at })),
    );
    if (left.length > 0) throw new BatchUnfinished(left.length, 'undeleted');
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: searchKeys.terms(scope, id) }));
  }

  /** What a document is indexed under, or null; the analyzer version it was indexed with comes along. */
  async termsOf(scope: SearchScope, id: string): Promise<TermsItem | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: searchKeys.terms(scope, id), ConsistentRead: true }),
    );
    return Item ? (Item as unknown as TermsItem) : null;
  }

  async search(request: SearchRequest): Promise<SearchPage> {
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
    const read = (c: Clause) => this.readChunk(c, request, after, cost);

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
      const fetched = await this.getPostings(unknown, cost);
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
      scanned += CHUNK;
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
      ? await this.getItems(
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

  private async readChunk(
    c: Clause,
    request: SearchRequest,
    after: string | undefined,
    cost: SearchPage['cost'],
  ) {
    const start = c.lastKey ?? (after ? { pk: c.pk, sk: after } : undefined);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
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
        Limit: CHUNK,
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
  private async getPostings(keys: { pk: string; sk: string }[], cost: SearchPage['cost']) {
    const items = await this.getItems(keys, cost, ['s', 'w']);
    return new Map(items.map((item) => [`${String(item.pk)}\n${String(item.sk)}`, item]));
  }

  /** BatchGetItem with its consumed capacity counted; unprocessed keys retried with backoff. */
  private async getItems(keys: { pk: string; sk: string }[], cost: SearchPage['cost'], attributes: string[]) {
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
        const result: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ...projection } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        cost.requests += 1;
        cost.readUnits += (result.ConsumedCapacity ?? []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        found.push(...(result.Responses?.[this.tableName] ?? []));
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }
}

function lookup(c: Clause, sk: string, fetched: Map<string, Item>): number | null {
  const item = fetched.get(`${c.pk}\n${sk}`);
  return item ? accept(c, item) : null;
}
