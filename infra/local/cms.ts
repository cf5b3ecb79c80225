import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { loadSeeds } from '../../seeds/load.ts';
import { ENV } from '../../shared/env.ts';
import { type ApiFunctionName, FUNCTIONS } from '../../shared/http/routes.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { COMMENTS_TABLE, CONTENT_TABLE } from '../../shared/store/tables.ts';
import { localConsole } from './console.ts';
import { ensureTables } from './dynamo.ts';
import { createGateway, type LambdaHandler } from './gateway.ts';
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
  stop(): Promise<void>;
}

/**
 * The whole CMS on this machine: tables from the shared definitions, the Lambda handlers loaded
 * unchanged with the environment infra would give them, the sample content, and the gateway.
 */
export async function startCms(options: CmsOptions): Promise<RunningCms> {
  const tables = await ensureTables(options.endpoint, options.tablePrefix);
  const contentTable = tables[CONTENT_TABLE.id] ?? '';
  const commentsTable = tables[COMMENTS_TABLE.id] ?? '';
  Object.assign(process.env, {
    [ENV.dynamodbEndpoint]: options.endpoint,
    [ENV.contentTable]: contentTable,
    [ENV.commentsTable]: commentsTable,
    [ENV.localSecretsFile]: options.secretsFile,
    [ENV.corsOrigins]: (options.corsOrigins ?? []).join(','),
    [ENV.eventsLog]: options.eventsLog,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
  });

  let seeded = 0;
  if (options.seed) {
    const db = createDocumentClient(options.endpoint);
    seeded = await loadSeeds(
      new ArticleStore(db, contentTable),
      new CommentStore(db, commentsTable, contentTable),
    );
    db.destroy();
  }

  // Imported only now: each function reads its environment at module scope, as in Lambda.
  const handlers = {} as Record<ApiFunctionName, LambdaHandler>;
  for (const [name, { trigger }] of Object.entries(FUNCTIONS)) {
    if (trigger !== 'api') continue;
    const module = (await import(`../../functions/${name}.ts`)) as { handler: LambdaHandler };
    handlers[name as ApiFunctionName] = module.handler;
  }
  const scheduledPublish = (await import('../../functions/scheduledPublish.ts')).handler;
  const schedulerDb = createDocumentClient(options.endpoint);
  const scheduler = startLocalScheduler({
    store: new ArticleStore(schedulerDb, contentTable),
    handler: scheduledPublish,
    intervalMs: options.schedulerIntervalMs,
    ...(options.log ? { log: options.log } : {}),
  });

  // EventBridge's stand-in is fed the way the stream function is in AWS: from the streams.
  const outbox = await startLocalOutbox({
    endpoint: options.endpoint,
    tables: [contentTable, commentsTable],
    handler: (await import('../../functions/eventRelay.ts')).handler,
    intervalMs: options.outboxIntervalMs ?? 0,
    deadLetterFile: join(dirname(options.eventsLog), 'events-dead-letters.log'),
    ...(options.log ? { log: options.log } : {}),
  });

  const server = createGateway({
    handlers,
    tokenSecret: options.tokenSecret,
    corsOrigins: options.corsOrigins ?? [],
    ...(options.log ? { log: options.log } : {}),
    ...(options.consoleDir
      ? { beforeRoutes: localConsole({ dir: options.consoleDir, tokenSecret: options.tokenSecret }) }
      : {}),
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
  return {
    url: `http://localhost:${port}`,
    seeded,
    scheduler,
    outbox,
    async stop() {
      await new Promise<void>((resolve) => {
        scheduler.stop();
        schedulerDb.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // After the last request: whatever it committed is still announced.
      await outbox.stop();
    },
  };
}
