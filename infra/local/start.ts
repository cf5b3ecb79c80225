import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ENV } from '../../shared/env.ts';
import { parseOrigins } from '../../shared/http/cors.ts';
import { startCms } from './cms.ts';
import { CONSOLE_DIST, ensureConsoleBuilt } from './console.ts';
import { LOCAL_DIR, localSecrets, localSecretsFile } from './devAuth.ts';
import { JavaMissingError, type LocalDynamo, startDynamo } from './dynamo.ts';
import { ensureTables } from './localTables.ts';

/**
 * `npm start`: DynamoDB Local (persisting in .local/dynamodb, or in memory with --in-memory), the
 * tables, the sample content on first start, and the API on http://localhost:3000 (PORT overrides).
 * Ctrl-C stops everything, DynamoDB Local included.
 */
// The SDK warns that its releases after January 2027 need Node 22 (TOOLCHAIN.md). The lockfile
// pins what is installed, so on a dev console it is noise; every other warning still shows.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!warning.message.startsWith('NodeVersionSupportWarning')) console.warn(warning);
});

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
  },
});

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}

/** How often committed writes are read from the streams and announced locally. */
const OUTBOX_POLL_MS = 250;

let dynamo: LocalDynamo | undefined;
let stopCms: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopCms?.().catch(() => {});
  await dynamo?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// The terminal closed: DynamoDB Local runs in a process group of its own and does not get this.
process.on('SIGHUP', () => void shutdown(0));

try {
  const inMemory = values['in-memory'];
  // The web console is served from its Vite build; (re)built here when missing or stale.
  await ensureConsoleBuilt((line) => console.log(line));
  dynamo = await startDynamo({
    ...(inMemory ? {} : { dataDir: join(LOCAL_DIR, 'dynamodb') }),
    // If DynamoDB Local dies, requests answer 503 with Retry-After until it is back.
    supervise: {
      log: (line) => console.error(line),
      async restarted() {
        // Persisted data comes back as it was; an in-memory store comes back empty.
        if (dynamo) await ensureTables(dynamo.endpoint, 'local');
        if (inMemory)
          console.error('The in-memory store restarted empty: restart npm start to load the samples.');
      },
    },
  });
  const secrets = localSecrets();
  const cms = await startCms({
    endpoint: dynamo.endpoint,
    tablePrefix: 'local',
    port,
    host: process.env.HOST ?? '127.0.0.1',
    tokenSecret: secrets.tokenSecret,
    secretsFile: localSecretsFile(),
    // CORS_ORIGINS=http://localhost:5173 npm start: a frontend served elsewhere may call admin routes.
    corsOrigins: parseOrigins(process.env[ENV.corsOrigins]),
    // SITE_ORIGINS=http://localhost:8080 npm start: pages of that site may load the comments widget.
    siteOrigins: parseOrigins(process.env.SITE_ORIGINS),
    eventsLog: join(LOCAL_DIR, 'events.log'),
    // Keys start with media/: uploads and renditions land in .local/media. In memory, a temporary
    // folder that is removed when the CMS stops.
    ...(inMemory ? {} : { mediaDir: LOCAL_DIR }),
    schedulerIntervalMs: 5_000,
    outboxIntervalMs: OUTBOX_POLL_MS,
    seed: !values['no-seed'],
    consoleDir: CONSOLE_DIST,
    log: (line) => console.log(line),
  });
  stopCms = cms.stop;
  const url = cms.url;
  console.log(`
Newsroom CMS is running at ${url}  (${inMemory ? 'in memory: data is gone when you stop' : 'data in .local/dynamodb, uploads in .local/media'})
The web console: ${url}/  (sign in locally by picking a role and a user)
The comments widget on a demo reader page: ${url.replace('//localhost', '//127.0.0.1')}/embed/demo/<slug>
${cms.seeded ? `Loaded ${cms.seeded} sample articles.` : 'Sample content was loaded on an earlier start.'}

Try:
  curl ${url}/v1/articles
  curl ${url}/v1/articles?section=city
  TOKEN=$(npm run -s token -- --role editor)
  curl -H "Authorization: Bearer $TOKEN" ${url}/v1/admin/articles
  curl ${url}/v1/openapi.json

Tokens: npm run -s token -- --role <author|editor|moderator|admin> [--sub <user id>]
Events (ArticlePublished, ArticleUnpublished, CommentPosted, CommentApproved, CommentRejected) are read
from the tables' streams every ${OUTBOX_POLL_MS} ms and appended to .local/events.log${process.env.WEBHOOK_URL ? ` and POSTed to ${process.env.WEBHOOK_URL}` : ''}.
Scheduled articles are published by a poll every 5 seconds.
Press Ctrl-C to stop (DynamoDB Local stops too).
`);
} catch (error) {
  if (error instanceof JavaMissingError) console.error(`\n${error.message}\n`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`\nPort ${port} is in use. Start on another one with: PORT=3001 npm start\n`);
  } else console.error('\nCould not start the CMS:', error instanceof Error ? error.message : error, '\n');
  await shutdown(1);
}
