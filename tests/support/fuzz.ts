import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/auth/principal.ts';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { startTestApi, type TestApi } from './api.ts';

/*
 * Generated hostile requests through the local gateway, for every route in the table: path
 * parameters, query strings, headers and bodies drawn from what attackers and broken clients send.
 * Whatever comes in, the answer is never a 5xx, a refusal is always a problem document whose
 * status matches the response, every status is one the route declares (checked by the test
 * client), and a refused request leaves both tables exactly as they were.
 *
 * The routes are split between FUZZ_SHARDS files (tests/api/fuzz<n>.test.ts), each with its own CMS,
 * so they run on different workers. Every route gets RUNS_PER_ROUTE requests: one in HTTP_EVERY
 * over HTTP, which proves the socket path, and the rest handed to the same gateway in-process
 * (TestApi.requestInProcess: the same routing, token check, Lambda event and handlers), since
 * fetch and the HTTP server were most of the CPU of refusals, which are most of the requests.
 */

export const RUNS_PER_ROUTE = 200;
export const FUZZ_SHARDS = 3;
const HTTP_EVERY = 8;

/** The routes of one shard (1-based): every FUZZ_SHARDS-th route of the table, so shards cost alike. */
export const shardRoutes = (shard: number) =>
  (ROUTES as readonly RouteDefinition[]).filter((_, index) => index % FUZZ_SHARDS === shard - 1);

let api: TestApi;
let db: ReturnType<typeof createDocumentClient>;
const tokens: string[] = [];
/** Ids, slugs and revision numbers that exist, so some requests get past the 404 into validation. */
const real = {
  id: [] as string[],
  slug: [] as string[],
  n: ['1', '2'],
  token: [] as string[],
  sitemap: ['index.xml', 'news.xml', '2026-11.xml'] as string[],
  link: [] as string[],
  // The sample home front (seeds/fronts.ts), published.
  front: ['home'] as string[],
  entry: [] as string[],
  // Sample sections (a parent and its child) and tags the seeds carry.
  section: ['city', 'transport', 'politics'] as string[],
  tag: ['harbour', 'council'] as string[],
};

function startFuzzApi() {
  beforeAll(async () => {
    api = await startTestApi({ seed: true });
    db = createDocumentClient(api.env.endpoint);
    for (const role of ROLES) tokens.push(await api.token(role, `fuzz-${role}`));
    const list = await api.request('GET', '/v1/admin/articles?limit=20', {
      token: tokens[ROLES.indexOf('admin')],
    });
    for (const a of list.body.items as { id: string; slug: string }[]) {
      real.id.push(a.id);
      real.slug.push(a.slug);
    }
    const queue = await api.request('GET', '/v1/admin/comments?limit=10', {
      token: tokens[ROLES.indexOf('admin')],
    });
    for (const c of queue.body.items as { id: string }[]) real.id.push(c.id);
    expect(real.id.length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    db?.destroy();
    await api?.stop();
  });
}

/** How many times the tables were read whole (printed with the count of requests). */
let snapshots = 0;
/** Every item of both tables, as sorted lines: equal snapshots mean nothing was written. */
async function storeSnapshot(): Promise<string[]> {
  snapshots += 1;
  const lines: string[] = [];
  for (const TableName of [api.env.contentTable, api.env.commentsTable]) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
      for (const item of page.Items ?? [])
        lines.push(`${TableName}|${JSON.stringify(item, Object.keys(item).sort())}`);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return lines.sort();
}

// ---- what hostile input looks like ----

const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '../../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '\u0000',
  '\ud800',
  '\u202e',
  '<script>alert(1)</script>',
  '$' + '{jndi:ldap://x}',
  "' OR '1'='1",
  '{"$ne":null}',
  'a'.repeat(3000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  ' ',
  '',
  '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
  'ÄÖÜ-ß',
  '😀',
);
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
/** Header values must be bytes a client can send: printable ASCII. */
const headerText = fc.oneof(
  fc.constantFrom('*', '"1"', 'W/"1"', '"999999"', '"abc"', '', 'null', '"1", "2"'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
);

const pathValue = (name: string) =>
  fc.oneof(
    { weight: 3, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...(real[name as keyof typeof real].length ? real[name as keyof typeof real] : ['x']),
      ),
    },
  );

const QUERY_NAMES = [
  'limit',
  'cursor',
  'section',
  'tag',
  'status',
  'createdBy',
  'articleId',
  '__proto__',
  'constructor',
];
const query = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), text), fc.oneof(text, fc.integer().map(String))),
  { maxLength: 4 },
);

const jsonBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'id',
          'version',
          'status',
          'createdBy',
          'title',
          'body',
          'action',
        ),
        fc.string(),
      ),
      fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 })),
    )
    .map((o) => JSON.stringify(o)),
  text,
  fc.constantFrom('{', '{"title":', '[1,2', 'null', '"\\ud800"', '{"__proto__":{"admin":true}}'),
);

const request = (route: RouteDefinition) =>
  fc.record({
    params: fc.record(
      Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, pathValue(name ?? '')]),
      ),
    ),
    query,
    auth: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(...tokens.map((t) => `Bearer ${t}`)),
      headerText.map((t) => `Bearer ${t}`),
      fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', `Bearer ${'x'.repeat(4000)}`),
    ),
    contentType: fc.option(
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'application/x-www-form-urlencoded',
      ),
    ),
    ifMatch: fc.option(headerText),
    ifNoneMatch: fc.option(headerText),
    body: fc.option(jsonBody),
  });

/** Percent-encodes like a client would; a lone surrogate goes as the invalid UTF-8 a hostile one sends. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const encodeSegment = (value: string) =>
  encodeURIComponent(value.replace(LONE_SURROGATE, '\u0001')).replaceAll('%01', '%ED%A0%80');

function urlOf(route: RouteDefinition, input: { params: Record<string, string>; query: [string, string][] }) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(input.params[name] ?? ''));
  const search = new URLSearchParams(input.query).toString();
  return search ? `${path}?${search}` : path;
}

/** The fuzz tests of one shard's routes, with their CMS; call from a test file at top level. */
export function fuzzShard(shard: number): void {
  startFuzzApi();
  const routes = shardRoutes(shard).map((route) => [`${route.method} ${route.path}`, route] as const);
  const sent = new Map<string, { http: number; inProcess: number }>();
  // The store as the previous route left it, read once its test passed: nothing else writes
  // between two routes (the scheduler and the relay only run when asked), so the next starts from it.
  let lastSnapshot: string[] | null = null;

  describe(`generated hostile requests (shard ${shard} of ${FUZZ_SHARDS})`, () => {
    it.each(routes)(
      '%s: never a 5xx, refusals are problem documents and change nothing',
      { timeout: 180_000 },
      async (name, route) => {
        // The store before the next request; null once a request was accepted, read again (lazily)
        // before the next one, so a run of accepted requests costs one scan.
        let before: string[] | null = lastSnapshot ?? (await storeSnapshot());
        lastSnapshot = null;
        const accepted: string[] = [];
        const count = { http: 0, inProcess: 0 };
        sent.set(name, count);
        await fc.assert(
          fc.asyncProperty(request(route), async (input) => {
            const headers: Record<string, string> = { 'user-agent': `fuzz/${Math.random()}` };
            if (input.auth) headers.authorization = input.auth;
            if (input.contentType) headers['content-type'] = input.contentType;
            if (input.ifMatch !== null) headers['if-match'] = input.ifMatch;
            if (input.ifNoneMatch !== null) headers['if-none-match'] = input.ifNoneMatch;
            const url = urlOf(route, input);
            const options = {
              headers,
              ...(input.body !== null && route.method !== 'GET' ? { body: input.body } : {}),
            };
            before ??= await storeSnapshot();
            const overHttp = (count.http + count.inProcess) % HTTP_EVERY === 0;
            const res = overHttp
              ? await api.request(route.method, url, options)
              : await api.requestInProcess(route.method, url, options);
            count[overHttp ? 'http' : 'inProcess'] += 1;
            const what = `${route.method} ${url} -> ${res.status}${overHttp ? ' (HTTP)' : ''}: ${res.text.slice(0, 300)}`;
            expect(res.status, what).toBeLessThan(500);
            const page = res.headers.get('content-type')?.startsWith('text/html') === true;
            if (res.status >= 400 && route.ok.contentType === 'text/html' && page) {
              // A page's refusal is a page (handler.ts): a reader's browser shows it. (A path that
              // matches no route at all, an empty token, is the gateway's problem document.)
              expect(res.headers.get('content-type'), what).toContain('text/html');
              expect(res.text, what).toContain('<h1>');
            } else if (res.status >= 400) {
              expect(res.headers.get('content-type'), what).toContain('application/problem+json');
              expect(res.body, what).toMatchObject({
                status: res.status,
                title: expect.any(String),
                type: expect.any(String),
              });
            } else if (res.status < 300 && route.method !== 'GET') {
              // A request that was accepted may change the store: compare from here on.
              accepted.push(what);
              before = null;
            }
          }),
          { numRuns: RUNS_PER_ROUTE },
        );
        const after = await storeSnapshot();
        if (before !== null) expect(after).toEqual(before);
        lastSnapshot = after;
        // The generators aim at refusals; a route that accepts many of them would prove little. One
        // that takes nothing but its caller (discarding their own new-article autosave) accepts
        // every signed-in caller allowed it, whatever else comes along.
        const inputless = !route.path.includes('{') && !route.body;
        if (!inputless) expect(accepted.length, accepted.join('\n')).toBeLessThan(RUNS_PER_ROUTE / 10);
      },
    );

    it('sent every route of the shard its generated requests, a sample of each over HTTP', () => {
      const total = { http: 0, inProcess: 0 };
      for (const [name] of routes) {
        const count = sent.get(name);
        expect(count, `${name} was not fuzzed`).toBeDefined();
        expect((count?.http ?? 0) + (count?.inProcess ?? 0), name).toBeGreaterThanOrEqual(RUNS_PER_ROUTE);
        expect(count?.http ?? 0, name).toBeGreaterThanOrEqual(RUNS_PER_ROUTE / HTTP_EVERY);
        total.http += count?.http ?? 0;
        total.inProcess += count?.inProcess ?? 0;
      }
      console.log(
        `fuzz shard ${shard} of ${FUZZ_SHARDS}: ${total.http + total.inProcess} generated requests to ` +
          `${routes.length} routes (${total.http} over HTTP), none answered with a 5xx, ${snapshots} ` +
          `reads of the store; all shards: ` +
          `${ROUTES.length * RUNS_PER_ROUTE} to ${ROUTES.length} routes`,
      );
      // No route left out: there is a file for every shard.
      const files = readdirSync(fileURLToPath(new URL('../api/', import.meta.url))).filter((f) =>
        /^fuzz\d+\.test\.ts$/.test(f),
      );
      expect(files.sort()).toEqual(Array.from({ length: FUZZ_SHARDS }, (_, i) => `fuzz${i + 1}.test.ts`));
      // The claim docs/security.md makes for the whole table.
      expect(ROUTES.length * RUNS_PER_ROUTE).toBeGreaterThanOrEqual(6_000);
    });
  });
}
