import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamo.ts';

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
  project.provide('dynamoEndpoint', dynamo.endpoint);
  // For the run's figures (timingReporter.ts, in this same process): the JVM's CPU time.
  process.env[DYNAMO_PID_VARIABLE] = String(dynamo.pid ?? '');
  return async () => {
    await dynamo.stop();
  };
}

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
  }
}
