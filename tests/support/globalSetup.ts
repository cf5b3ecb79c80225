import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamo.ts';
import { CENSUS_VARIABLE, type RequestCensus, startRequestCensus } from './requestCensus.ts';

/** Where the run's DynamoDB Local process id is left for the timing reporter. */
export const DYNAMO_PID_VARIABLE = 'CMS_TEST_DYNAMO_PID';

/** Projects whose files never touch a table: a run of only these starts no DynamoDB Local. */
const WITHOUT_TABLES = new Set(['unit']);

/**
 * One DynamoDB Local for the whole test run, in memory, on a free port, shared by every project and
 * every parallel file. Each test file creates its own uniquely prefixed tables in it
 * (tests/support/env.ts), so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  if (project.vitest.projects.every((p) => WITHOUT_TABLES.has(p.name))) return;
  const dynamo = await startWithRetries();
  // For the run's figures (timingReporter.ts, in this same process): the JVM's CPU time.
  process.env[DYNAMO_PID_VARIABLE] = String(dynamo.pid ?? '');
  if (process.env[CENSUS_VARIABLE] !== '1') {
    project.provide('dynamoEndpoint', dynamo.endpoint);
    return async () => {
      await dynamo.stop();
    };
  }
  // `npm run test:census`: the files reach DynamoDB Local through the counting proxy.
  const dir = mkdtempSync(join(tmpdir(), 'cms-census-'));
  const census = await startRequestCensus(dynamo.endpoint, dir, project.vitest.config.root);
  project.provide('dynamoEndpoint', census.endpoint);
  project.provide('censusDir', dir);
  (globalThis as { [CENSUS_KEY]?: RequestCensus })[CENSUS_KEY] = census;
  return async () => {
    await census.close();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Where the timing reporter, in this same process, finds the census to print. */
export const CENSUS_KEY = Symbol.for('cms.requestCensus');

/**
 * On a machine busy with other work the JVM can take longer than the launcher's 30 s to answer;
 * the launcher then kills it, and a second start (the classes now in the page cache) is quicker.
 */
async function startWithRetries(attempts = 3) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDynamo();
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`DynamoDB Local did not start (attempt ${attempt} of ${attempts}), trying again.`);
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** Set only under `npm run test:census` (tests/support/requestCensus.ts). */
    censusDir?: string;
  }
}
