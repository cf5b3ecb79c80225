/**
 * `npm run bench`: the figures behind the speed and cost goals, printed, not asserted (timings on
 * these shared machines are too noisy for pass/fail tests).
 *
 * 1. Each Lambda bundle as `cdk synth` writes it: size, and a fresh Node.js process's time from
 *    start to its first answered request against DynamoDB Local (median of several runs).
 * 2. DynamoDB requests per public read, counted on the wire (the goal: exactly one).
 * 3. Public reads through the local gateway: requests per second and latency percentiles. DynamoDB
 *    Local is not DynamoDB; use these for ratios between changes, not absolute promises.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NATIVE_MODULES } from '../../infra/constructs/functions.ts';
import { startCms } from '../../infra/local/cms.ts';
import { localSecrets, localSecretsFile } from '../../infra/local/devAuth.ts';
import { ensureTables, startDynamo } from '../../infra/local/dynamo.ts';
import { loadSeeds } from '../../seeds/load.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { CommentService } from '../../shared/services/commentService.ts';
import { PublicService } from '../../shared/services/publicService.ts';
import { readableStack } from '../../shared/stackTrace.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, TABLES } from '../../shared/store/tables.ts';
import { bundleOf, synthStack, type TemplateJson } from '../infra/synth.ts';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const LOAD_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 32;

/** Text from four of zod's non-English locales: any present means all 64 came along. */
const FOREIGN_LOCALES = ['Ongeldige invoer', 'Input non valido', 'erwartet', 'Nieprawid'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** Counts requests to DynamoDB by hooking the client's middleware stack. */
function countRequests(db: DynamoDBDocumentClient) {
  const counter = { n: 0 };
  db.middlewareStack.add(
    (next) => async (args) => {
      counter.n += 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  return counter;
}

/**
 * Counts requests and sums the capacity DynamoDB reports for them (ReturnConsumedCapacity INDEXES
 * is added to every request that takes it), split into the tables and their indexes.
 */
function meter(db: DynamoDBDocumentClient) {
  let requests = 0;
  let table = 0;
  const indexes: Record<string, number> = {};
  db.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const c of (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
        Table?: { CapacityUnits?: number; WriteCapacityUnits?: number };
        GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number; WriteCapacityUnits?: number }>;
      }[]) {
        table += c.Table?.WriteCapacityUnits ?? c.Table?.CapacityUnits ?? 0;
        for (const [name, units] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
          indexes[name] = (indexes[name] ?? 0) + (units.WriteCapacityUnits ?? units.CapacityUnits ?? 0);
        }
      }
      return result;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
  return {
    db,
    reset() {
      requests = 0;
      table = 0;
      for (const name of Object.keys(indexes)) delete indexes[name];
    },
    totals: () => ({ requests, table, indexes: { ...indexes } }),
  };
}

const PROBES: Record<FunctionName, { event: unknown; expect: number | undefined }> = {
  publicRead: {
    expect: 200,
    event: {
      resource: '/v1/articles',
      path: '/v1/articles',
      httpMethod: 'GET',
      headers: {},
      queryStringParameters: { limit: '20' },
      requestContext: { requestId: 'bench' },
    },
  },
  editorial: {
    expect: 200,
    event: {
      resource: '/v1/admin/articles',
      path: '/v1/admin/articles',
      httpMethod: 'GET',
      headers: {},
      requestContext: {
        requestId: 'bench',
        authorizer: { claims: { sub: 'bench', 'cognito:groups': 'editor' } },
      },
    },
  },
  commentSubmit: {
    // Reaches DynamoDB (the live snapshot lookup) and answers 404 for an article that is not there.
    expect: 404,
    event: {
      resource: '/v1/articles/{slug}/comments',
      path: '/v1/articles/none/comments',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      pathParameters: { slug: 'none' },
      body: JSON.stringify({ authorName: 'Bench', body: 'Hello' }),
      requestContext: { requestId: 'bench', identity: { sourceIp: '127.0.0.1' } },
    },
  },
  moderation: {
    expect: 200,
    event: {
      resource: '/v1/admin/comments',
      path: '/v1/admin/comments',
      httpMethod: 'GET',
      headers: {},
      requestContext: {
        requestId: 'bench',
        authorizer: { claims: { sub: 'bench', 'cognito:groups': 'moderator' } },
      },
    },
  },
  preview: {
    expect: 404,
    event: {
      resource: '/v1/preview/{token}',
      path: '/v1/preview/x.y',
      httpMethod: 'GET',
      headers: {},
      pathParameters: { token: 'x.y' },
      requestContext: { requestId: 'bench' },
    },
  },
  docs: {
    expect: 200,
    event: {
      resource: '/v1/openapi.json',
      path: '/v1/openapi.json',
      httpMethod: 'GET',
      headers: {},
      requestContext: { requestId: 'bench' },
    },
  },
  // Not an HTTP function: it answers the scheduler with an outcome (no status code).
  scheduledPublish: { expect: undefined, event: { articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 1 } },
  // A batch that announces nothing: measures the relay's cold start without calling EventBridge.
  eventRelay: { expect: undefined, event: { Records: [] } },
  // Runs only on Lambda's arm64 (its sharp is linux-arm64): skipped below, listed for completeness.
  mediaProcess: { expect: undefined, event: { Records: [] } },
  // Cognito's trigger: a non-admin's token request passes through without a call.
  adminMfaGate: { expect: undefined, event: cognitoTokenEvent(['editor']) },
};

function cognitoTokenEvent(groups: string[]) {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_bench',
    userName: 'bench',
    callerContext: { awsSdkVersion: 'bench', clientId: 'bench' },
    request: { userAttributes: { sub: 'bench' }, groupConfiguration: { groupsToOverride: groups } },
    response: { claimsOverrideDetails: null },
  };
}

const RUNNER = `
import { pathToFileURL } from 'node:url';
const started = performance.now();
const { handler } = await import(pathToFileURL(process.argv[2]).href);
const loaded = performance.now() - started;
const reply = await handler(JSON.parse(process.argv[3]), {});
const answered = performance.now() - started;
process.stdout.write('\\n' + JSON.stringify({ loaded, answered, status: reply?.statusCode }));
`;

function runOnce(runner: string, bundle: string, event: unknown, env: Record<string, string>) {
  return new Promise<{ loaded: number; answered: number; status: number; wall: number }>(
    (resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [runner, bundle, JSON.stringify(event)], {
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      child.stdout.on('data', (c) => {
        out += String(c);
      });
      child.on('close', () => {
        try {
          const last = out.trim().split('\n').at(-1) ?? '';
          resolve({ ...JSON.parse(last), wall: performance.now() - t0 });
        } catch (error) {
          reject(error);
        }
      });
    },
  );
}

// The SDK's Node 22 notice (TOOLCHAIN.md) would interleave with the figures.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!w.message.startsWith('NodeVersionSupportWarning')) console.warn(w);
});

/** Requests and write capacity per operation (ReturnConsumedCapacity INDEXES on every request). */
async function writeCosts(endpoint: string, names: Record<string, string>) {
  console.log('\n== DynamoDB requests and write capacity per operation (2 KB article body) ==');
  console.log(
    'operation                         requests  units  (capacity units: table / indexes; writes, and reads where a request reads)',
  );
  const metered = meter(createDocumentClient(endpoint));
  const meteredStore = new ArticleStore(metered.db, names[CONTENT_TABLE.id] ?? '');
  const meteredComments = new CommentStore(
    metered.db,
    names[COMMENTS_TABLE.id] ?? '',
    names[CONTENT_TABLE.id] ?? '',
  );
  const clock = { now: () => new Date() };
  const newsroom = createNewsroom({
    store: meteredStore,
    clock,
    newId: ulidFactory(),
    schedules: pollingSchedules,
  });
  const commentService = new CommentService({
    comments: meteredComments,
    articles: meteredStore,
    clock,
    newId: ulidFactory(),
    fingerprintSecret: 'bench',
  });
  const author = { sub: 'bench-author', roles: new Set(['author'] as const) };
  const editor = { sub: 'bench-editor', roles: new Set(['editor'] as const) };
  const moderator = { sub: 'bench-moderator', roles: new Set(['moderator'] as const) };
  const body2k = [
    {
      type: 'paragraph' as const,
      text: [{ text: 'A sentence of about forty characters.. '.repeat(50), marks: [] }],
    },
  ];
  const title = 'Bench: the harbour wall and the winter storms';
  const op = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    metered.reset();
    const result = await work();
    const { requests, table, indexes } = metered.totals();
    const split = Object.entries(indexes)
      .map(([name, units]) => `${name} ${units}`)
      .join(', ');
    console.log(
      `${label.padEnd(33)} ${String(requests).padStart(8)} ${String(table + Object.values(indexes).reduce((a, b) => a + b, 0)).padStart(6)}  (table ${table}${split ? `; ${split}` : ''})`,
    );
    return result;
  };
  let article = await op('create', () => newsroom.create(author, { title, section: 'city', body: body2k }));
  await op('create, title taken', () => newsroom.create(author, { title, section: 'city', body: body2k }));
  article = await op('patch', () =>
    newsroom.patch(author, article.id, article.version, { standfirst: 'Changed.' }),
  );
  article = await op('submit', () =>
    newsroom.transition(author, article.id, article.version, { action: 'submit' }),
  );
  article = await op('approve', () =>
    newsroom.transition(editor, article.id, article.version, { action: 'approve' }),
  );
  article = await op('publish', () =>
    newsroom.transition(editor, article.id, article.version, { action: 'publish' }),
  );
  const client = (n: number) => ({ ip: `198.51.100.${n}`, userAgent: 'bench' });
  await op('comment submit (settings cold)', () =>
    commentService.submit(article.slug, { authorName: 'Bench', body: 'First.' }, client(1)),
  );
  const submitted = await op('comment submit', () =>
    commentService.submit(article.slug, { authorName: 'Bench', body: 'Second.' }, client(2)),
  );
  await op('comment approve', () => commentService.moderate(moderator, submitted.id, { action: 'approve' }));
  await op('admin list, first page of 20', () => newsroom.list(editor, {}, 20, undefined));
  metered.db.destroy();
}

async function main() {
  const dynamo = await startDynamo();
  const outdir = mkdtempSync(join(tmpdir(), 'cms-bench-'));
  localSecrets(outdir); // the dev keys file the functions read instead of Secrets Manager
  try {
    const prefix = `bench${randomBytes(3).toString('hex')}`;
    const names = await ensureTables(dynamo.endpoint, prefix);
    if (process.env.BENCH_ONLY === 'writes') {
      await writeCosts(dynamo.endpoint, names);
      return;
    }
    const db = createDocumentClient(dynamo.endpoint);
    const store = new ArticleStore(db, names[CONTENT_TABLE.id] ?? '');
    await loadSeeds(
      store,
      new CommentStore(db, names[COMMENTS_TABLE.id] ?? '', names[CONTENT_TABLE.id] ?? ''),
    );

    // 1. Bundles
    console.log('\n== Lambda bundles (as cdk synth writes them), cold start against DynamoDB Local ==');
    const synthStarted = performance.now();
    const { app, stack } = synthStack('dev', { bundle: true, outdir });
    const template = app.synth().getStackByName(stack.stackName).template as TemplateJson;
    console.log(`synth with bundling: ${Math.round(performance.now() - synthStarted)} ms`);
    const runner = join(outdir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      [ENV.dynamodbEndpoint]: dynamo.endpoint,
      [ENV.localSecretsFile]: localSecretsFile(outdir),
      [ENV.eventsLog]: join(outdir, 'events.log'),
      ...Object.fromEntries(TABLES.map((t) => [t.envName, names[t.id] ?? ''])),
    };
    console.log(
      'function          bytes  locales   import ms   first reply ms   process wall ms   first reply with --enable-source-maps   (median of ' +
        COLD_RUNS +
        ', interleaved)',
    );
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      if (NATIVE_MODULES[name]) {
        console.log(`${name.padEnd(16)} skipped: its native modules are built for Lambda (linux-arm64)`);
        continue;
      }
      const { file } = bundleOf(stack, template, name, outdir);
      const probe = PROBES[name];
      const size = statSync(file).size;
      // One discarded run first: it pays for reading the bundle from disk into the page cache.
      await runOnce(runner, file, probe.event, env);
      // As deployed (no flag: the map is read only when an error is logged, shared/stackTrace.ts)
      // and with Node's own source map support, interleaved so drift hits both alike.
      const withMaps = { ...env, NODE_OPTIONS: '--enable-source-maps' };
      const runs = [];
      const mapRuns = [];
      for (let i = 0; i < COLD_RUNS; i += 1) {
        runs.push(await runOnce(runner, file, probe.event, env));
        mapRuns.push(await runOnce(runner, file, probe.event, withMaps));
      }
      if ([...runs, ...mapRuns].some((r) => r.status !== probe.expect))
        throw new Error(`${name} answered ${runs.map((r) => r.status)}`);
      const text = readFileSync(file, 'utf8');
      const locales = FOREIGN_LOCALES.filter((marker) => text.includes(marker)).length;
      console.log(
        `${name.padEnd(16)} ${String(size).padStart(7)}  ${String(locales).padStart(7)}   ${median(
          runs.map((r) => r.loaded),
        )
          .toFixed(0)
          .padStart(9)}   ${median(runs.map((r) => r.answered))
          .toFixed(0)
          .padStart(14)}   ${median(runs.map((r) => r.wall))
          .toFixed(0)
          .padStart(15)}   ${median(mapRuns.map((r) => r.answered))
          .toFixed(0)
          .padStart(37)}`,
      );
    }

    // The price of a readable trace, paid on a container's first logged error instead of at
    // every cold start: reading and parsing the largest bundle's map and mapping one frame.
    {
      const { file } = bundleOf(stack, template, 'editorial', outdir);
      const error = new Error('bench');
      // A frame in the middle of the bundle's longest line (where the modules are).
      const lines = readFileSync(file, 'utf8').split('\n');
      const longest = lines.reduce(
        (best, line, i) => (line.length > (lines[best]?.length ?? 0) ? i : best),
        0,
      );
      const column = Math.floor((lines[longest]?.length ?? 0) / 2);
      error.stack = `Error: bench\n    at f (file://${file}:${longest + 1}:${column})`;
      const t0 = performance.now();
      const mapped = readableStack(error) ?? '';
      console.log(
        `first logged error, editorial: map read and frame mapped in ${(performance.now() - t0).toFixed(0)} ms (${Math.round(statSync(`${file}.map`).size / 1024)} KB map): ${mapped.split('\n')[1]?.trim()}`,
      );
    }
    if (process.env.BENCH_ONLY === 'bundles') {
      db.destroy();
      return;
    }

    // 2. Requests per public read
    console.log('\n== DynamoDB requests per public read (goal: 1) ==');
    const counted = createDocumentClient(dynamo.endpoint);
    const counter = countRequests(counted);
    const publicService = new PublicService(
      new ArticleStore(counted, names[CONTENT_TABLE.id] ?? ''),
      new CommentStore(counted, names[COMMENTS_TABLE.id] ?? '', names[CONTENT_TABLE.id] ?? ''),
    );
    const first = (await publicService.list({}, 1, undefined)).items[0];
    const reads: [string, () => Promise<unknown>][] = [
      ['GET /v1/articles', () => publicService.list({}, 20, undefined)],
      [
        'GET /v1/articles?section=city&tag=trams',
        () => publicService.list({ section: 'city', tag: 'trams' }, 20, undefined),
      ],
      ['GET /v1/articles/{slug}', () => publicService.getLive(first?.slug ?? '')],
      ['GET /v1/articles/{slug}/comments', () => publicService.thread(first?.slug ?? '', 20, undefined)],
    ];
    for (const [label, read] of reads) {
      counter.n = 0;
      await read();
      console.log(`${label.padEnd(42)} ${counter.n}`);
    }

    await writeCosts(dynamo.endpoint, names);

    // 3. Throughput through the gateway
    console.log(
      `\n== Public reads through the local gateway (${LOAD_REQUESTS} requests, ${CONCURRENCY} concurrent) ==`,
    );
    const cms = await startCms({
      endpoint: dynamo.endpoint,
      tablePrefix: prefix,
      port: 0,
      tokenSecret: 'bench',
      secretsFile: localSecretsFile(outdir),
      eventsLog: join(outdir, 'events.log'),
      schedulerIntervalMs: 0,
      seed: false,
    });
    try {
      for (const path of ['/v1/articles', `/v1/articles/${first?.slug}`]) {
        const latencies: number[] = [];
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < LOAD_REQUESTS) {
              next += 1;
              const t0 = performance.now();
              const res = await fetch(`${cms.url}${path}`);
              await res.arrayBuffer();
              if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
              latencies.push(performance.now() - t0);
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `${path.slice(0, 40).padEnd(42)} ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(latencies, 0.5).toFixed(1)} ms   p99 ${pct(latencies, 0.99).toFixed(1)} ms`,
        );
      }
    } finally {
      await cms.stop();
    }
    db.destroy();
    counted.destroy();
  } finally {
    await dynamo.stop();
    rmSync(outdir, { recursive: true, force: true });
  }
}

await main();
