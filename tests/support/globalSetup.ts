import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamo.ts';

/** Projects whose files never touch a table: a run of only these starts no DynamoDB Local. */
const WITHOUT_TABLES = new Set(['unit']);

/**
 * One DynamoDB Local for the whole test run, in memory, on a free port, shared by every project and
 * every parallel file. Each test file creates its own uniquely prefixed tables in it
 * (tests/support/env.ts), so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  if (project.vitest.projects.every((p) => WITHOUT_TABLES.has(p.name))) return;
  const dynamo = await startDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
