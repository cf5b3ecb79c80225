import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, S3Event } from 'aws-lambda';
import { loadHomeFront } from '../../seeds/fronts.ts';
import { loadLiveCoverage } from '../../seeds/live.ts';
import { loadSeeds } from '../../seeds/load.ts';
import { loadTaxonomySeeds } from '../../seeds/taxonomy.ts';
import { ENV } from '../../shared/env.ts';
import { type ApiFunctionName, FUNCTIONS } from '../../shared/http/routes.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { FrontStore } from '../../shared/store/frontStore.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, SEARCH_TABLE } from '../../shared/store/tables.ts';
import { TaxonomyStore } from '../../shared/store/taxonomyStore.ts';
import { localMediaSecret } from '../../shared/wiring/media.ts';
import { rebuildSyndication } from '../ops/migrations/rebuildSyndication.ts';
import { reindexSearch } from '../ops/migrations/reindexSearch.ts';
import { localConsole } from './console.ts';
import { localEmbed } from './embed.ts';
import { createDispatcher, createGateway, type GatewayRequest, type LambdaHandler } from './gateway.ts';
import { asFunction, enforceGrants } from './iam.ts';
import { ensureTables } from './localTables.ts';
import { LOCAL_UPLOAD_PATH, localMedia, uploadUrlForHost } from './media.ts';
import { type LocalOutbox, startLocalOutbox } from './outbox.ts';
import { type LocalScheduler, startLocalScheduler } from './scheduler.ts';

export interface CmsOptions {
  /** DynamoDB Local's URL. */
  endpoint: string;
  tablePrefix: string;
  port: number;
  host?: string;
  tokenSecret: string;
  /** Origins whose browsers may call the token-bearing routes; none by default (same origin). */
  corsOrigins?: readonly string[];
  /**
   * The newsroom's site origins, whose pages may load the comments widget from /embed/ (the
   * widget's API calls are public routes, open to any origin already).
   */
  siteOrigins?: readonly string[];
  /** The dev keys file (see devAuth.ts) the functions read instead of Secrets Manager. */
  secretsFile: string;
  /** Where events are appended, one JSON line each (EventBridge's stand-in). */
  eventsLog: string;
  /** How often the local scheduler polls; 0 leaves it to explicit tick() calls (tests). */
  schedulerIntervalMs: number;
  /**
   * How often the outbox relay polls the tables' streams; 0 (the default) leaves it to explicit
   * drain() calls (tests).
   */
  outboxIntervalMs?: number;
  seed: boolean;
  /**
   * Where uploads and renditions are kept (keys as in the media bucket). Without one, a temporary
   * folder that is removed when the CMS stops.
   */
  mediaDir?: string;
  /** Serve the built web console from this folder, with /config.json and the dev sign-in route. */
  consoleDir?: string;
  log?: (line: string) => void;
}

export interface RunningCms {
  url: string;
  seeded: number;
  scheduler: LocalScheduler;
  /** The stream poller that turns committed writes into events; drain() relays what is committed. */
  outbox: LocalOutbox;
  /** The media bucket's stand-in: its folder, and settle() waits for uploads still being processed. */
  media: { dir: string; settle(): Promise<void> };
  /**
   * The gateway's answer to an API request handed over in this process: the same routing, token
   * check, Lambda event and handlers as over the socket, without the HTTP (tests that send many).
   */
  dispatch(request: GatewayRequest): Promise<APIGatewayProxyResult>;
  /** Stops serving; what was committed is still relayed, unless `relayPending` is false (tests). */
  stop(options?: { relayPending?: boolean }): Promise<void>;
}

/**
 * The whole CMS on this machine: tables from the shared definitions, the Lambda handlers loaded
 * unchanged with the environment infra would give them, the sample content, and the gateway.
 */
export async function startCms(options: CmsOptions): Promise<RunningCms> {
  const tables = await ensureTables(options.endpoint, options.tablePrefix);
  // Each function's requests are held to its IAM grants, as its role holds them in AWS.
  enforceGrants(tables);
  const temporaryMedia = options.mediaDir ? null : mkdtempSync(join(tmpdir(), 'cms-media-'));
  const mediaDir = options.mediaDir ?? temporaryMedia ?? '';
  const contentTable = tables[CONTENT_TABLE.id] ?? '';
  const commentsTable = tables[COMMENTS_TABLE.id] ?? '';
  Object.assign(process.env, {
    [ENV.dynamodbEndpoint]: options.endpoint,
    [ENV.contentTable]: contentTable,
    [ENV.commentsTable]: commentsTable,
    [ENV.searchTable]: tables[SEARCH_TABLE.id] ?? '',
    [ENV.localSecretsFile]: options.secretsFile,
    [ENV.corsOrigins]: (options.corsOrigins ?? []).join(','),
    [ENV.eventsLog]: options.eventsLog,
    [ENV.mediaLocalDir]: mediaDir,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
  });

  let seeded = 0;
  if (options.seed) {
    const db = createDocumentClient(options.endpoint);
    // Sections first: the sample stories name them.
    await loadTaxonomySeeds(new TaxonomyStore(db, contentTable));
    const articles = new ArticleStore(db, contentTable, commentsTable);
    seeded = await loadSeeds(articles, new CommentStore(db, commentsTable, contentTable));
    // The coverage before the fronts, so they resolve the storm story with its live coverage.
    await loadLiveCoverage(db, contentTable, articles);
    await loadHomeFront(db, contentTable, articles);
    db.destroy();
  }

  // The functions are loaded once the server listens (the upload URL they sign for needs its
  // port); a request that arrives before waits for them.
  const loaded = deferred<Record<ApiFunctionName, LambdaHandler>>();
  const handlers = {} as Record<ApiFunctionName, LambdaHandler>;
  const processUpload = deferred<(event: S3Event) => Promise<void>>();
  for (const [name, { trigger }] of Object.entries(FUNCTIONS)) {
    if (trigger !== 'api') continue;
    handlers[name as ApiFunctionName] = async (event) => {
      const result = await asFunction(name as ApiFunctionName, async () =>
        (await loaded.promise)[name as ApiFunctionName](event),
      );
      return name === 'editorial' ? followHost(event, result) : result;
    };
  }
  const media = localMedia({
    dir: mediaDir,
    secret: localMediaSecret(options.secretsFile),
    process: async (event) => asFunction('mediaProcess', async () => (await processUpload.promise)(event)),
    corsOrigins: options.corsOrigins ?? [],
    deadLetterFile: join(dirname(options.eventsLog), 'media-dead-letters.log'),
    ...(options.log ? { log: options.log } : {}),
  });
  const consoleRoutes = options.consoleDir
    ? localConsole({ dir: options.consoleDir, tokenSecret: options.tokenSecret })
    : null;
  const embedRoutes = options.consoleDir
    ? localEmbed({ dir: options.consoleDir, siteOrigins: options.siteOrigins ?? [] })
    : null;

  const routing = {
    handlers,
    tokenSecret: options.tokenSecret,
    corsOrigins: options.corsOrigins ?? [],
    ...(options.log ? { log: options.log } : {}),
  };
  const server = createGateway({
    ...routing,
    beforeRoutes: async (req, res) =>
      (await media.handle(req, res)) ||
      // Awaited: a pending answer is truthy, and would stop the console from ever being asked.
      (embedRoutes !== null && (await embedRoutes(req, res))) ||
      (consoleRoutes ? consoleRoutes(req, res) : false),
  });
  // Idle keep-alive sockets stay open longer than any client's reuse window (API Gateway keeps them
  // for minutes too). With Node's default 5 s, a client reusing a socket just as the server closes it
  // gets ECONNRESET, which a busy test process (event loop blocked a few seconds) hits.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  process.env[ENV.mediaUploadUrl] = `${url}${LOCAL_UPLOAD_PATH}`;

  // Imported only now: each function reads its environment at module scope, as in Lambda.
  const modules = {} as Record<ApiFunctionName, LambdaHandler>;
  for (const name of Object.keys(handlers) as ApiFunctionName[]) {
    modules[name] = ((await import(`../../functions/${name}.ts`)) as { handler: LambdaHandler }).handler;
  }
  loaded.resolve(modules);
  processUpload.resolve((await import('../../functions/mediaProcess.ts')).handler);
  const scheduledPublish = (await import('../../functions/scheduledPublish.ts')).handler;
  const schedulerDb = createDocumentClient(options.endpoint);
  const scheduler = startLocalScheduler({
    store: new ArticleStore(schedulerDb, contentTable, commentsTable),
    fronts: new FrontStore(schedulerDb, contentTable),
    handler: (payload) => asFunction('scheduledPublish', () => scheduledPublish(payload)),
    intervalMs: options.schedulerIntervalMs,
    ...(options.log ? { log: options.log } : {}),
  });

  // EventBridge's stand-in is fed the way the stream function is in AWS: from the streams.
  const outbox = await startLocalOutbox({
    endpoint: options.endpoint,
    tables: [contentTable, commentsTable],
    handler: await (async () => {
      const relay = (await import('../../functions/eventRelay.ts')).handler;
      return (event: Parameters<typeof relay>[0]) => asFunction('eventRelay', () => relay(event));
    })(),
    intervalMs: options.outboxIntervalMs ?? 0,
    deadLetterFile: join(dirname(options.eventsLog), 'events-dead-letters.log'),
    ...(options.log ? { log: options.log } : {}),
  });

  // The relay starts past what the store already holds (sample content is no news to announce),
  // so the search index is brought up to date from the content table here: the seeds, and a store
  // kept from before search existed. Run after the relay started, nothing written meanwhile is
  // missed; the index writes only what differs, so a store already indexed costs reads only.
  const indexDb = createDocumentClient(options.endpoint);
  try {
    await reindexSearch({
      db: indexDb,
      contentTable,
      searchTable: tables[SEARCH_TABLE.id] ?? '',
      commentsTable: tables[COMMENTS_TABLE.id] ?? '',
    });
    // Feeds and sitemaps likewise: the sample content is put into them once the relay runs.
    await rebuildSyndication({ db: indexDb, contentTable });
  } finally {
    indexDb.destroy();
  }

  return {
    url,
    seeded,
    scheduler,
    outbox,
    media: { dir: mediaDir, settle: () => media.settle() },
    dispatch: createDispatcher(routing),
    async stop({ relayPending = true } = {}) {
      await new Promise<void>((resolve) => {
        scheduler.stop();
        schedulerDb.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // After the last request: uploads still being processed finish, and what was committed is
      // still announced.
      await media.settle();
      media.close();
      await outbox.stop({ relayPending });
      if (temporaryMedia) rmSync(temporaryMedia, { recursive: true, force: true });
    },
  };
}

/**
 * A new image's upload form, addressed to the host the request came to (uploadUrlForHost): the
 * only answer whose body names this server, so the only one rewritten.
 */
function followHost(event: APIGatewayProxyEvent, result: APIGatewayProxyResult): APIGatewayProxyResult {
  if (event.httpMethod !== 'POST' || event.path !== '/v1/admin/media' || result.statusCode !== 201)
    return result;
  const localUrl = process.env[ENV.mediaUploadUrl]?.slice(0, -LOCAL_UPLOAD_PATH.length);
  if (!localUrl) return result;
  const answer = JSON.parse(result.body) as { upload: { url: string } };
  answer.upload.url = uploadUrlForHost(answer.upload.url, event.headers.host, localUrl);
  return { ...result, body: JSON.stringify(answer) };
}

/** Promise.withResolvers, which Node.js 20 lacks. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
