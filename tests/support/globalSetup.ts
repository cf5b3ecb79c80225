import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamo.ts';

/**
 * One DynamoDB Local for the whole test run, in memory, on a free port. Each test file creates its
 * own uniquely prefixed tables in it (tests/support/env.ts), so files never see each other's data.
 */
export default async function setup(project: TestProject) {
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
