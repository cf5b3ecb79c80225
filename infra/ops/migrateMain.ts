import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { secretsManagerFetcher } from '../../shared/secrets.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, SEARCH_TABLE } from '../../shared/store/tables.ts';
import { LOCAL_DIR, localSecrets } from '../local/devAuth.ts';
import { type LocalDynamo, startDynamo } from '../local/dynamo.ts';
import { ensureTables, tableName } from '../local/localTables.ts';
import { backfillCommentThreadIndexes, MIGRATION_NAME } from './migrations/commentsThreadIndexes.ts';
import { REBUILD_SYNDICATION_MIGRATION, rebuildSyndication } from './migrations/rebuildSyndication.ts';
import { REINDEX_SEARCH_MIGRATION, reindexSearch } from './migrations/reindexSearch.ts';
import { RELABEL_ARTICLES_MIGRATION, relabelArticles } from './migrations/relabelArticles.ts';
import { migrateTaxonomyRecords, TAXONOMY_RECORDS_MIGRATION } from './migrations/taxonomyRecords.ts';
import { backfillThreadHeaders, THREAD_HEADERS_MIGRATION } from './migrations/threadHeaders.ts';
import { JOIN_MIGRATION, migrateWorkingCopies, SPLIT_MIGRATION } from './migrations/workingCopies.ts';

// `npm run migrate -- <name> [options]`: data migrations, locally or against a deployed stage.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run migrate -- <name> [options]

${MIGRATION_NAME}: backfills comments stored before the thread indexes
(byReplies, byFeatured, byCommenter) and one-level replies.
${THREAD_HEADERS_MIGRATION}: gives articles live since before the thread headers
their headers and thread state item.
${SPLIT_MIGRATION}: takes the words off working copies saved before they were
kept in their newest revision alone.
${JOIN_MIGRATION}: puts them back; run it before going back to an older release.
${REINDEX_SEARCH_MIGRATION}: builds the search index from the live snapshots, working
copies, media records and comments: for data stored before search, and after an
analyzer change.
${REBUILD_SYNDICATION_MIGRATION}: puts every live story into its feeds and sitemaps: for
stories published before feeds existed (npm start does it for the sample content).
${TAXONOMY_RECORDS_MIGRATION}: creates section and tag records for the free strings
articles carried before sections and tags were records.
${RELABEL_ARTICLES_MIGRATION}: carries every renamed section and tag slug, and every author's
name, title and photo, into the stored articles (the relay does it on each rename;
this reruns it). --from takes a job as printed (<kind>#<slug>).

Safe to run again: each writes only what differs, and a second run writes
nothing. Each page prints a cursor to resume from with --from.

locally (the default): the tables of npm start in .local/dynamodb. Stop npm
start first, or pass the endpoint of a running DynamoDB Local:
  --endpoint URL        e.g. http://127.0.0.1:8000 (tables local-*)

against AWS (your usual credentials and region, as for the AWS CLI), from the
environment of the moderation function (the editorial function's for the
working-copy, taxonomy and relabel migrations and ${REBUILD_SYNDICATION_MIGRATION}, which need only --content-table; ${REINDEX_SEARCH_MIGRATION} takes
--content-table and --search-table, from the relay function's, and --table to index comments):
  --table NAME          the comments table (COMMENTS_TABLE)
  --secret-arn ARN      ${MIGRATION_NAME}: the fingerprint secret (FINGERPRINT_SECRET_ARN)
  --content-table NAME  the content table (CONTENT_TABLE)
  --search-table NAME   the search table (SEARCH_TABLE)

  --page-size N         items per Scan page (default 100)
  --from CURSOR         resume where a stopped run left off`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string' },
    table: { type: 'string' },
    'secret-arn': { type: 'string' },
    'content-table': { type: 'string' },
    'search-table': { type: 'string' },
    'page-size': { type: 'string' },
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const NAMES = [
  MIGRATION_NAME,
  THREAD_HEADERS_MIGRATION,
  SPLIT_MIGRATION,
  JOIN_MIGRATION,
  REINDEX_SEARCH_MIGRATION,
  REBUILD_SYNDICATION_MIGRATION,
  TAXONOMY_RECORDS_MIGRATION,
  RELABEL_ARTICLES_MIGRATION,
] as const;
const name = NAMES.find((n) => n === positionals[0]);
if (!name || positionals.length > 1) fail(`Name the migration: ${NAMES.join(', ')}.`);
const taxonomy = name === TAXONOMY_RECORDS_MIGRATION;
const relabel = name === RELABEL_ARTICLES_MIGRATION;
const workingCopies = name === SPLIT_MIGRATION || name === JOIN_MIGRATION;
// Migrations that read and write the content table alone.
const contentOnly = workingCopies || taxonomy || relabel || name === REBUILD_SYNDICATION_MIGRATION;
const pageSize = values['page-size'] === undefined ? 100 : Number(values['page-size']);
if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1_000) fail('--page-size is 1 to 1000.');
const reindex = name === REINDEX_SEARCH_MIGRATION;
const aws =
  values.table !== undefined ||
  values['secret-arn'] !== undefined ||
  values['content-table'] !== undefined ||
  values['search-table'] !== undefined;
const second = name === MIGRATION_NAME ? 'secret-arn' : 'content-table';
if (aws && reindex && (!values['content-table'] || !values['search-table'])) {
  fail(`Against AWS, ${name} takes --content-table and --search-table (and --table for comments).`);
}
if (!reindex && values['search-table'] !== undefined) fail('--search-table is for reindex-search.');
if (aws && contentOnly && (!values['content-table'] || values.table !== undefined)) {
  fail(`Against AWS, ${name} takes --content-table alone.`);
}
if (aws && !contentOnly && !reindex && (!values.table || !values[second])) {
  fail(`Against AWS, give both --table and --${second}.`);
}
if (aws && values.endpoint) fail('--endpoint is for DynamoDB Local; the table options for AWS.');

let dynamo: LocalDynamo | undefined;
try {
  let endpoint = values.endpoint;
  if (!aws && !endpoint) {
    const dataDir = join(LOCAL_DIR, 'dynamodb');
    if (!existsSync(dataDir)) fail(`No local store at ${dataDir}: nothing to migrate.`);
    dynamo = await startDynamo({ dataDir });
    endpoint = dynamo.endpoint;
  }
  // A store from before search has no search table yet: npm start would create it, and so does this.
  if (reindex && !aws && endpoint) await ensureTables(endpoint, 'local');
  const db = createDocumentClient(aws ? undefined : endpoint);
  const commentsTable = aws ? (values.table ?? '') : tableName('local', COMMENTS_TABLE);
  const common = { db, pageSize, from: values.from, log: (line: string) => console.log(line) };
  const contentTable = aws ? (values['content-table'] ?? '') : tableName('local', CONTENT_TABLE);
  const searchTable = aws ? (values['search-table'] ?? '') : tableName('local', SEARCH_TABLE);
  const report = reindex
    ? await reindexSearch({ ...common, contentTable, searchTable, commentsTable: commentsTable || undefined })
    : name === REBUILD_SYNDICATION_MIGRATION
      ? await rebuildSyndication({ ...common, contentTable })
      : relabel
        ? await relabelArticles({ ...common, contentTable })
        : taxonomy
          ? await migrateTaxonomyRecords({ ...common, contentTable })
          : workingCopies
            ? await migrateWorkingCopies({
                ...common,
                contentTable,
                direction: name === SPLIT_MIGRATION ? 'split' : 'join',
              })
            : name === MIGRATION_NAME
              ? await backfillCommentThreadIndexes({
                  ...common,
                  tableName: commentsTable,
                  fingerprintSecret: aws
                    ? await secretsManagerFetcher()(values['secret-arn'] ?? '')
                    : localSecrets().fingerprintSecret,
                })
              : await backfillThreadHeaders({
                  ...common,
                  commentsTable,
                  contentTable,
                });
  console.log(JSON.stringify(report));
  db.destroy();
} catch (error) {
  console.error(`${name} stopped: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Run it again with the last --from printed (or from the start: it is idempotent).');
  process.exitCode = 1;
} finally {
  await dynamo?.stop();
}
