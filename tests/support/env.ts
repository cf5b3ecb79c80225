import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTables } from '../../infra/local/dynamo.ts';
import { ENV } from '../../shared/env.ts';
import { CONTENT_TABLE } from '../../shared/store/tables.ts';

export interface TestEnv {
  endpoint: string;
  contentTable: string;
  cursorSecret: string;
  /** The variables a function reads, pointing at this file's own tables. */
  vars: Record<string, string>;
}

/** Fresh tables for one test file in the run's DynamoDB Local. */
export async function createTestEnv(): Promise<TestEnv> {
  const endpoint = inject('dynamoEndpoint');
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const names = await ensureTables(endpoint, prefix);
  const contentTable = names[CONTENT_TABLE.id];
  if (!contentTable) throw new Error('content table missing');
  const cursorSecret = randomBytes(32).toString('hex');
  return {
    endpoint,
    contentTable,
    cursorSecret,
    vars: {
      [ENV.dynamodbEndpoint]: endpoint,
      [ENV.contentTable]: contentTable,
      [ENV.cursorSecret]: cursorSecret,
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
