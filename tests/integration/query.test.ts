import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/store/client.ts';
import { queryAll, queryPages } from '../../shared/store/query.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * The one "Query, then follow LastEvaluatedKey" loop (media usage, the due-unpublish scan, deleting
 * an article, the thread-index migration's reply counts). A page limit of 2 stands in for
 * DynamoDB's 1 MB page, so a loop that stopped after the first page would lose items here.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
const queries: string[] = [];
const pk = 'QUERYTEST#paged';

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') queries.push('Query');
      return next(args);
    },
    { step: 'initialize', name: 'queryCounter' },
  );
  await db.send(
    new BatchWriteCommand({
      RequestItems: {
        [env.contentTable]: ['a', 'b', 'c', 'd', 'e'].map((sk) => ({ PutRequest: { Item: { pk, sk } } })),
      },
    }),
  );
});
afterAll(() => db?.destroy());

const input = () => ({
  TableName: env.contentTable,
  KeyConditionExpression: 'pk = :pk',
  ExpressionAttributeValues: { ':pk': pk },
  Limit: 2,
});

describe('queryAll', () => {
  it('returns every item of a Query that takes several pages, in key order', async () => {
    queries.length = 0;
    const items = await queryAll(db, input());
    expect(items.map((i) => i.sk)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Pages of 2, 2 and 1 (DynamoDB Local omits the key after a short last page).
    expect(queries.length).toBe(3);
  });

  it('sends no request past the page a caller stops at', async () => {
    queries.length = 0;
    for await (const page of queryPages(db, input())) {
      expect(page.Items?.map((i) => i.sk)).toEqual(['a', 'b']);
      break;
    }
    expect(queries).toEqual(['Query']);
  });

  it('answers an empty partition with no items in one request', async () => {
    queries.length = 0;
    expect(
      await queryAll(db, { ...input(), ExpressionAttributeValues: { ':pk': 'QUERYTEST#none' } }),
    ).toEqual([]);
    expect(queries).toEqual(['Query']);
  });
});
