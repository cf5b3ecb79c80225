/**
 * `npm run bench`: the figures behind the speed and cost goals, printed and written to
 * bench-results.json (not committed), not asserted: timings on these shared machines are too
 * noisy for pass/fail tests, so the targets of the performance issue are checked as ratios within
 * one run, and each one missed prints a line starting `MISSED:`.
 *
 * 1. Each Lambda bundle as `cdk synth` writes it: bytes, top contributors, and a fresh Node.js
 *    process's time to its first answer, interleaved with a hello-world bundle and a floor bundle
 *    (one GetItem with the same SDK and esbuild options), as ratios.
 * 2. Each operation: DynamoDB requests, read and write capacity units by table and index
 *    (ReturnConsumedCapacity INDEXES), p50/p99 in-process and through the local gateway, and for
 *    reads the same request replayed raw in the same run, with the ratio; cost per million.
 * 3. Public reads at 100 and at 10,000 articles (BENCH_SCALE), as a ratio.
 * 4. Search (search.ts): queries at 1,000 and 100,000 articles, index writes per publication,
 *    commit to searchable.
 *
 * DynamoDB Local is not DynamoDB: use the milliseconds for ratios, the units and requests as they are.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startCms } from '../../infra/local/cms.ts';
import { issueToken, localSecrets, localSecretsFile } from '../../infra/local/devAuth.ts';
import { startDynamo } from '../../infra/local/dynamo.ts';
import { ensureTables } from '../../infra/local/localTables.ts';
import { loadSeeds } from '../../seeds/load.ts';
import { loadTaxonomySeeds } from '../../seeds/taxonomy.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { ENV } from '../../shared/env.ts';
import type { FunctionName } from '../../shared/http/routes.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { createImports } from '../../shared/services/articles/imports.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { createComments } from '../../shared/services/comments/index.ts';
import { createDesk } from '../../shared/services/desk.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { DeskStore } from '../../shared/store/deskStore.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, TABLES } from '../../shared/store/tables.ts';
import { TaxonomyStore } from '../../shared/store/taxonomyStore.ts';
import { autosaveFigures } from './autosave.ts';
import { coldStarts } from './coldStarts.ts';
import { frontsBench } from './fronts.ts';
import { liveBench } from './live.ts';
import { meteredTables } from './meteredTables.ts';
import {
  type Latency,
  latencyOf,
  type Metered,
  median,
  rawReplay,
  round,
  timeInterleaved,
  total,
} from './operations.ts';
import { costPerMillion, PRICES } from './prices.ts';
import { searchBench } from './search.ts';

/** Timed repetitions of each read, and of each write's sequence. */
const READ_RUNS = Number(process.env.BENCH_READS ?? 300);
const WRITE_RUNS = Number(process.env.BENCH_WRITES ?? 20);
/** The large catalogue of the scale comparison (the small one has 100 articles). */
const SCALE = Number(process.env.BENCH_SCALE ?? 10_000);
/** Every function but docs and the Cognito trigger runs with 512 MB (infra/constructs/functions.ts). */
const MEMORY_MB = 512;

// The SDK's Node 22 notice (TOOLCHAIN.md) would interleave with the figures.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!w.message.startsWith('NodeVersionSupportWarning')) console.warn(w);
});

const missed: string[] = [];
/** Records a target: a miss prints a line starting MISSED: now and is listed again at the end. */
function target(ok: boolean, what: string) {
  if (ok) return;
  missed.push(what);
  console.log(`MISSED: ${what}`);
}
const fmtUnits = (units: Record<string, number>) =>
  Object.entries(units)
    .map(([place, n]) => `${place} ${n}`)
    .join(', ') || '-';

interface OperationFigures {
  name: string;
  fn: FunctionName;
  requests: number;
  commands: string[];
  readUnits: Record<string, number>;
  /** Write units as DynamoDB bills them (a transaction's worked out from its items: billing.ts). */
  writeUnits: Record<string, number>;
  /** What DynamoDB Local reported for the transactions among them (it undercounts). */
  localTransactWriteUnits: Record<string, number>;
  inProcess: Latency;
  gateway?: Latency;
  raw?: Latency;
  /** In-process p50 over the raw call's p50 (reads). */
  vsRaw?: number;
  /** Through the gateway p50 over the raw call's p50 (reads). */
  gatewayVsRaw?: number;
  costPerMillion: ReturnType<typeof costPerMillion>;
}

function figuresOf(name: string, fn: FunctionName, metered: Metered, inProcess: number[]): OperationFigures {
  const latency = latencyOf(inProcess);
  return {
    name,
    fn,
    requests: metered.requests,
    commands: metered.commands,
    readUnits: metered.read,
    writeUnits: metered.write,
    localTransactWriteUnits: metered.localTransactWrite,
    inProcess: latency,
    costPerMillion: costPerMillion({
      lambdaMs: latency.p50,
      memoryMb: MEMORY_MB,
      rru: total(metered.read),
      wru: total(metered.write),
      viaApiGateway: true,
    }),
  };
}

async function operations(
  endpoint: string,
  names: Record<string, string>,
  cmsUrl: string,
  tokenSecret: string,
) {
  const tables = meteredTables(endpoint, names);
  const { db, raw: rawDb, metered } = tables;
  const store = new ArticleStore(db, tables.content, tables.comments);
  const commentStore = new CommentStore(db, tables.comments, tables.content);
  const clock = { now: () => new Date() };
  const newsroom = createNewsroom({
    store,
    clock,
    newId: ulidFactory(),
    schedules: pollingSchedules,
    closeAfterDays: async () => null,
  });
  const comments = createComments({
    comments: commentStore,
    articles: store,
    clock,
    newId: ulidFactory(),
    fingerprintSecret: 'bench',
  });
  const reads = new PublicService(store, commentStore);
  const desk = createDesk({ desk: new DeskStore(db, tables.content), clock });
  const author = { sub: 'bench-author', roles: new Set(['author'] as const) };
  const editor = { sub: 'bench-editor', roles: new Set(['editor'] as const) };
  const moderator = { sub: 'bench-moderator', roles: new Set(['moderator'] as const) };
  const admin = { sub: 'bench-admin', roles: new Set(['admin'] as const) };
  // No flood guard between the benchmark's own submissions (each body differs: no duplicates either).
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
  const body2k = [
    {
      type: 'paragraph' as const,
      text: [{ text: 'A sentence of about forty characters.. '.repeat(50), marks: [] }],
    },
  ];
  const client = (n: number) => ({ ip: `198.51.100.${n % 250}`, userAgent: `bench-${n}` });

  // Writes: the whole life of an article, WRITE_RUNS times; figures of the last run, latency of all.
  const samples = new Map<string, { fn: FunctionName; ms: number[]; metered?: Metered }>();
  const op = async <T>(name: string, fn: FunctionName, work: () => Promise<T>): Promise<T> => {
    metered.reset();
    const t0 = performance.now();
    const result = await work();
    const ms = performance.now() - t0;
    const entry = samples.get(name) ?? { fn, ms: [] };
    entry.ms.push(ms);
    entry.metered = metered.snapshot();
    samples.set(name, entry);
    return result;
  };
  let live = { slug: '', id: '' };
  for (let i = 0; i < WRITE_RUNS; i += 1) {
    const title = `Bench ${i} ${randomBytes(3).toString('hex')}: the harbour wall and the winter storms`;
    let a = await op('create', 'editorial', () =>
      newsroom.create(author, { title, section: 'city', body: body2k }),
    );
    await op('create, title taken', 'editorial', () =>
      newsroom.create(author, { title, section: 'city', body: body2k }),
    );
    a = await op('patch', 'editorial', () =>
      newsroom.patch(author, a.id, a.version, { standfirst: `Changed ${i}.` }),
    );
    // The desk while the draft is open: an autosave of its 2 KB body, a presence heartbeat.
    const edits = JSON.stringify({ title, body: body2k });
    await op('autosave, 2 KB article', 'editorial', () =>
      desk.autosave(author, a.id, { baseVersion: a.version, content: edits }),
    );
    await op('presence heartbeat', 'editorial', () => desk.heartbeat(author, a.id, true));
    a = await op('submit', 'editorial', () =>
      newsroom.transition(author, a.id, a.version, { action: 'submit' }),
    );
    a = await op('approve', 'editorial', () =>
      newsroom.transition(editor, a.id, a.version, { action: 'approve' }),
    );
    a = await op('publish', 'editorial', () =>
      newsroom.transition(editor, a.id, a.version, { action: 'publish' }),
    );
    const posted = await op('comment submit', 'commentSubmit', () =>
      comments.submit(a.slug, { authorName: 'Bench', body: `Comment ${i}.` }, client(i)),
    );
    await op('comment approve', 'moderation', () =>
      comments.moderate(moderator, posted.id, { action: 'approve' }),
    );
    await op('admin list, page of 20', 'editorial', () => newsroom.list(editor, {}, 20, undefined));
    live = { slug: a.slug, id: a.id };
  }

  // Reads: each measured once for its requests and units, then timed against its raw replay.
  const readOps: [string, () => Promise<unknown>][] = [
    ['public article', () => reads.getLive(live.slug)],
    ['public list, 20', () => reads.list({}, 20, undefined)],
    ['public list by section, 20', () => reads.list({ section: 'city' }, 20, undefined)],
    ['public thread, 20', () => reads.thread(live.slug, 'oldest', 20, undefined)],
  ];
  const out: OperationFigures[] = [];
  for (const [name, work] of readOps) {
    metered.reset();
    await work();
    const figures = metered.snapshot();
    const timed = await timeInterleaved(READ_RUNS, work, rawReplay(rawDb, figures.replayable));
    const entry = figuresOf(name, 'publicRead', figures, timed.work);
    entry.raw = latencyOf(timed.other);
    entry.vsRaw = round(entry.inProcess.p50 / entry.raw.p50);
    out.push(entry);
  }
  for (const [name, { fn, ms, metered: m }] of samples) if (m) out.push(figuresOf(name, fn, m, ms));

  // Through the local gateway: the same reads over HTTP (against the raw replay again), and the
  // writes a reader or an editor sends most.
  const editorToken = await issueToken({ secret: tokenSecret, roles: ['editor'], sub: 'bench-gateway' });
  const http = (path: string, init?: RequestInit) => async () => {
    const res = await fetch(`${cmsUrl}${path}`, init);
    const answer = await res.arrayBuffer();
    if (res.status >= 300) {
      const problem = new TextDecoder().decode(answer).slice(0, 500);
      throw new Error(`${init?.method ?? 'GET'} ${path} answered ${res.status}: ${problem}`);
    }
    return res;
  };
  const gatewayReads: Record<string, string> = {
    'public article': `/v1/articles/${live.slug}`,
    'public list, 20': '/v1/articles?limit=20',
    'public list by section, 20': '/v1/articles?section=city&limit=20',
    'public thread, 20': `/v1/articles/${live.slug}/comments?limit=20`,
  };
  for (const entry of out) {
    const path = gatewayReads[entry.name];
    if (!path) continue;
    metered.reset();
    await readOps.find(([name]) => name === entry.name)?.[1]();
    const timed = await timeInterleaved(
      READ_RUNS,
      http(path),
      rawReplay(rawDb, metered.snapshot().replayable),
    );
    entry.gateway = latencyOf(timed.work);
    entry.gatewayVsRaw = round(entry.gateway.p50 / median(timed.other));
  }
  const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  let n = 0;
  const nextBody = () => {
    n += 1;
    return `Over HTTP ${n}.`;
  };
  const gatewayWrites: Record<string, () => Promise<unknown>> = {
    'comment submit': () =>
      http(`/v1/articles/${live.slug}/comments`, json('POST', { authorName: 'Bench', body: nextBody() }))(),
    create: () =>
      http(
        '/v1/admin/articles',
        json(
          'POST',
          { title: `Bench over HTTP ${randomBytes(4).toString('hex')}`, section: 'city', body: body2k },
          { Authorization: `Bearer ${editorToken}` },
        ),
      )(),
  };
  for (const [name, work] of Object.entries(gatewayWrites)) {
    const entry = out.find((o) => o.name === name);
    if (entry) entry.gateway = latencyOf((await timeInterleaved(WRITE_RUNS * 2, work)).work);
  }
  tables.close();
  return out;
}

function printOperations(ops: OperationFigures[]) {
  console.log(
    '\n== Per operation: requests, capacity units (read / write, by table and index), latency, cost ==',
  );
  console.log(
    'operation                    req  read units                  write units                                 in-process p50/p99   gateway p50/p99    raw p50/p99      x raw  gw x raw  $/million',
  );
  for (const o of ops) {
    const lat = (l?: Latency) => (l ? `${l.p50.toFixed(1)}/${l.p99.toFixed(1)}` : '-');
    console.log(
      `${o.name.padEnd(28)} ${String(o.requests).padStart(3)}  ${fmtUnits(o.readUnits).padEnd(27)} ${fmtUnits(o.writeUnits).padEnd(43)} ${lat(o.inProcess).padStart(18)} ${lat(o.gateway).padStart(17)} ${lat(o.raw).padStart(15)} ${(o.vsRaw ? `${o.vsRaw.toFixed(2)}x` : '-').padStart(7)} ${(o.gatewayVsRaw ? `${o.gatewayVsRaw.toFixed(2)}x` : '-').padStart(8)}  ${o.costPerMillion.total.toFixed(2)}`,
    );
  }
  console.log(
    'write units are as DynamoDB bills them; for a transaction DynamoDB Local reports less (it adds up only the distinct per-item figures, tests/bench/billing.ts):',
  );
  for (const o of ops.filter((x) => Object.keys(x.localTransactWriteUnits).length > 0)) {
    console.log(
      `  ${o.name.padEnd(26)} billed ${total(o.writeUnits)}, Local reported ${total(o.localTransactWriteUnits)} for its transaction (${fmtUnits(o.localTransactWriteUnits)})`,
    );
  }
  console.log(
    `cost per million at on-demand prices, ${PRICES.region}, checked ${PRICES.checked}: Lambda arm64 $${PRICES.lambdaArmGbSecond}/GB-s (${MEMORY_MB} MB, billed ms = in-process p50) + $${PRICES.lambdaPerMillionRequests}/M requests, API Gateway REST $${PRICES.apiGatewayRestPerMillion}/M, DynamoDB $${PRICES.dynamoPerMillionRru}/M RRU and $${PRICES.dynamoPerMillionWru}/M WRU`,
  );
  const byName = (name: string) => ops.find((o) => o.name === name);
  for (const name of ['patch', 'submit', 'approve', 'publish']) {
    const o = byName(name);
    if (o) target(total(o.writeUnits) <= 10, `${name} writes ${total(o.writeUnits)} WCU (target at most 10)`);
  }
  const approve = byName('comment approve');
  if (approve)
    target(
      total(approve.writeUnits) <= 6,
      `comment approve writes ${total(approve.writeUnits)} WCU (target at most 6)`,
    );
  const submit = byName('comment submit');
  if (submit) {
    target(
      total(submit.writeUnits) <= 6,
      `comment submit writes ${total(submit.writeUnits)} WCU (target at most 6)`,
    );
    target(submit.requests <= 2, `comment submit takes ${submit.requests} requests (target 2)`);
  }
  for (const name of ['create', 'create, title taken']) {
    const o = byName(name);
    if (o) target(o.requests <= 3, `${name} takes ${o.requests} requests (target at most 3)`);
  }
  for (const o of ops.filter((x) => x.name.startsWith('public '))) {
    target(o.requests === 1, `${o.name} takes ${o.requests} requests (target 1)`);
    if (o.vsRaw !== undefined)
      target(
        o.vsRaw <= 1.1,
        `${o.name} p50 is ${o.vsRaw.toFixed(2)}x the raw call in-process (target at most 1.10x)`,
      );
  }
}

/** Public reads with 100 and with SCALE live articles, in tables of their own, interleaved. */
async function scale(endpoint: string) {
  console.log(`\n== Public reads at 100 and ${SCALE} live articles (p50 of ${READ_RUNS}, interleaved) ==`);
  const admin = { sub: 'bench-admin', roles: new Set(['admin'] as const) };
  const base = Date.parse('2020-01-01T00:00:00Z');
  const storyAt = (i: number) => new Date(base + i * 3_600_000).toISOString();
  const open = async (tag: string) => {
    const names = await ensureTables(endpoint, `benchscale${tag}${randomBytes(2).toString('hex')}`);
    const db = createDocumentClient(endpoint);
    const store = new ArticleStore(db, names[CONTENT_TABLE.id] ?? '', names[COMMENTS_TABLE.id] ?? '');
    const comments = new CommentStore(db, names[COMMENTS_TABLE.id] ?? '', names[CONTENT_TABLE.id] ?? '');
    return { names, db, store, reads: new PublicService(store, comments) };
  };
  // 100 stories through the archive import (the real write path: snapshot, feeds, revision...).
  const small = await open('small');
  const imports = createImports({
    store: small.store,
    clock: { now: () => new Date() },
    newId: ulidFactory(),
  });
  const items = Array.from({ length: 100 }, (_, i) => ({
    externalId: `bench:${i}`,
    title: `Archived story number ${i}`,
    section: ['city', 'sport', 'culture', 'business'][i % 4],
    tags: [`tag${i % 20}`],
    body: [{ type: 'paragraph', text: `Archived story ${i}. `.repeat(40) }],
    publishedAt: storyAt(i),
    updatedAt: storyAt(i),
  }));
  const failed = (await imports.importArticles(admin, items)).filter((r) => r.outcome !== 'created');
  if (failed.length > 0) throw new Error(`Import failed: ${JSON.stringify(failed[0])}`);
  // The large catalogue: the public items of those 100 (snapshots and feed entries), cloned with
  // new slugs, ids and times (an import of each would take DynamoDB Local half an hour here).
  const big = await open('big');
  const started = performance.now();
  const template: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await small.db.send(
      new ScanCommand({ TableName: small.names[CONTENT_TABLE.id], ExclusiveStartKey: startKey }),
    );
    template.push(...(page.Items ?? []).filter((item) => item.type === 'snapshot' || item.type === 'feed'));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const byStory = new Map<number, Record<string, unknown>[]>();
  for (const item of template) {
    const i = Number(/Archived story number (\d+)/.exec(JSON.stringify(item))?.[1]);
    byStory.set(i, [...(byStory.get(i) ?? []), item]);
  }
  const newId = ulidFactory();
  const clones: Record<string, unknown>[] = [];
  for (let j = 0; j < SCALE; j += 1) {
    const i = j % 100;
    const first = byStory.get(i)?.[0];
    const id = String(first?.id ?? '');
    const fresh = newId(new Date(Date.parse(storyAt(j))));
    for (const item of byStory.get(i) ?? []) {
      const text = JSON.stringify(item)
        .replace(new RegExp(`archived-story-number-${i}(?![0-9])`, 'g'), `archived-story-number-${j}`)
        .replace(new RegExp(`Archived story number ${i}(?![0-9])`, 'g'), `Archived story number ${j}`)
        .replaceAll(storyAt(i), storyAt(j))
        .replaceAll(id, fresh);
      clones.push(JSON.parse(text) as Record<string, unknown>);
    }
  }
  const table = big.names[CONTENT_TABLE.id] ?? '';
  const batches: Record<string, unknown>[][] = [];
  for (let k = 0; k < clones.length; k += 25) batches.push(clones.slice(k, k + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next] ?? [];
        next += 1;
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await big.db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
  console.log(
    `${SCALE} live articles written (${clones.length} items) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const slugOf = (count: number) => `archived-story-number-${Math.floor(count / 2)}`;
  for (const [label, catalogue, count] of [
    ['small', small, 100],
    ['big', big, SCALE],
  ] as const) {
    if (!(await catalogue.store.getSnapshot(slugOf(count)))) throw new Error(`No ${label} article to read`);
  }
  const result: Record<string, { small: number; big: number; ratio: number }> = {};
  const runs: [string, (c: typeof small, count: number) => Promise<unknown>][] = [
    ['public article', (c, count) => c.reads.getLive(slugOf(count))],
    ['public list by section, 20', (c) => c.reads.list({ section: 'city' }, 20, undefined)],
    ['public list by tag, 20', (c) => c.reads.list({ tag: 'tag7' }, 20, undefined)],
  ];
  for (const [name, read] of runs) {
    const timed = await timeInterleaved(
      READ_RUNS,
      () => read(small, 100),
      () => read(big, SCALE),
    );
    const figures = {
      small: round(median(timed.work)),
      big: round(median(timed.other)),
      ratio: round(median(timed.other) / median(timed.work)),
    };
    result[name] = figures;
    console.log(
      `${name.padEnd(28)} 100: ${figures.small.toFixed(2)} ms   ${SCALE}: ${figures.big.toFixed(2)} ms   ${figures.ratio.toFixed(2)}x`,
    );
  }
  small.db.destroy();
  big.db.destroy();
  return result;
}

async function main() {
  const dynamo = await startDynamo();
  const outdir = mkdtempSync(join(tmpdir(), 'cms-bench-'));
  localSecrets(outdir); // the dev keys file the functions read instead of Secrets Manager
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    prices: PRICES,
  };
  try {
    const prefix = `bench${randomBytes(3).toString('hex')}`;
    const names = await ensureTables(dynamo.endpoint, prefix);
    const db = createDocumentClient(dynamo.endpoint);
    // Sections first, as `npm start` seeds them: the sample stories and the bench's own over HTTP
    // name them (an unknown section is a 422).
    await loadTaxonomySeeds(new TaxonomyStore(db, names[CONTENT_TABLE.id] ?? ''));
    await loadSeeds(
      new ArticleStore(db, names[CONTENT_TABLE.id] ?? '', names[COMMENTS_TABLE.id] ?? ''),
      new CommentStore(db, names[COMMENTS_TABLE.id] ?? '', names[CONTENT_TABLE.id] ?? ''),
    );
    db.destroy();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      [ENV.dynamodbEndpoint]: dynamo.endpoint,
      [ENV.localSecretsFile]: localSecretsFile(outdir),
      [ENV.eventsLog]: join(outdir, 'events.log'),
      [ENV.cdnDistributionId]: 'EBENCH',
      ...Object.fromEntries(TABLES.map((t) => [t.envName, names[t.id] ?? ''])),
    };
    // BENCH_ONLY=bundles|operations|scale|autosave|search|fronts|live runs one part.
    const only = process.env.BENCH_ONLY;
    if (!only || only === 'autosave') results.autosave = await autosaveFigures();
    if (!only || only === 'bundles') results.bundles = await coldStarts(env, outdir, target);
    if (!only || only === 'operations') {
      const tokenSecret = 'bench';
      const cms = await startCms({
        endpoint: dynamo.endpoint,
        tablePrefix: prefix,
        port: 0,
        tokenSecret,
        secretsFile: localSecretsFile(outdir),
        eventsLog: join(outdir, 'events.log'),
        schedulerIntervalMs: 0,
        seed: false,
      });
      try {
        const ops = await operations(dynamo.endpoint, names, cms.url, tokenSecret);
        printOperations(ops);
        results.operations = ops;
      } finally {
        await cms.stop();
      }
    }
    if (!only || only === 'scale') results.scale = await scale(dynamo.endpoint);
    if (!only || only === 'live') results.live = await liveBench(dynamo.endpoint, names, target);
    if (!only || only === 'fronts') results.fronts = await frontsBench(dynamo.endpoint, names, target);
    if (!only || only === 'search') {
      results.search = await searchBench(dynamo.endpoint, target, {
        tokenSecretFile: localSecretsFile(outdir),
        eventsLog: join(outdir, 'events.log'),
      });
    }
  } finally {
    await dynamo.stop();
    rmSync(outdir, { recursive: true, force: true });
  }
  results.missed = missed;
  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${missed.length} target(s) missed; figures in bench-results.json`);
  for (const line of missed) console.log(`MISSED: ${line}`);
}

await main();
