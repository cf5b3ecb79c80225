import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { ensureTables } from '../../infra/local/localTables.ts';
import { ENV } from '../../shared/env.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, TABLES } from '../../shared/store/tables.ts';
import { noteCensusPrefix } from './requestCensus.ts';

export interface TestEnv {
  endpoint: string;
  contentTable: string;
  commentsTable: string;
  cursorSecret: string;
  previewSecret: string;
  fingerprintSecret: string;
  mediaSecret: string;
  /** What CloudFront sends as the origin secret; a test that plays the CDN sends it. */
  originSecret: string;
  /** The dev keys file holding the keys above (Secrets Manager's local stand-in). */
  secretsFile: string;
  eventsLog: string;
  /** The variables a function reads, pointing at this file's own tables. */
  vars: Record<string, string>;
}

/** Fresh tables for one test file in the run's DynamoDB Local. */
export async function createTestEnv(): Promise<TestEnv> {
  const endpoint = inject('dynamoEndpoint');
  const prefix = `t${randomBytes(5).toString('hex')}`;
  noteCensusPrefix(inject('censusDir'), prefix, expect.getState().testPath);
  const names = await ensureTables(endpoint, prefix);
  const contentTable = names[CONTENT_TABLE.id];
  const commentsTable = names[COMMENTS_TABLE.id];
  if (!contentTable || !commentsTable) throw new Error('tables missing');
  const dir = mkdtempSync(join(tmpdir(), 'cms-events-'));
  const keys = {
    cursorSecret: randomBytes(32).toString('hex'),
    previewSecret: randomBytes(32).toString('hex'),
    fingerprintSecret: randomBytes(32).toString('hex'),
    mediaSecret: randomBytes(32).toString('hex'),
    originSecret: randomBytes(32).toString('hex'),
  };
  const secretsFile = join(dir, 'secrets.json');
  writeFileSync(secretsFile, JSON.stringify(keys), { mode: 0o600 });
  const eventsLog = join(dir, 'events.log');
  return {
    endpoint,
    contentTable,
    commentsTable,
    ...keys,
    secretsFile,
    eventsLog,
    vars: {
      [ENV.dynamodbEndpoint]: endpoint,
      // Every table's name variable, from the shared definitions.
      ...Object.fromEntries(TABLES.map((table) => [table.envName, names[table.id] ?? ''])),
      [ENV.localSecretsFile]: secretsFile,
      [ENV.eventsLog]: eventsLog,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  };
}

/** Points this process's functions at the test tables; call before importing a function module. */
export function applyEnv(env: TestEnv): void {
  Object.assign(process.env, env.vars);
}
