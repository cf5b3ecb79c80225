import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../infra/local/localTables.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';
import {
  noteCensusPrefix,
  prefixOf,
  type RequestCensus,
  startRequestCensus,
} from '../support/requestCensus.ts';

/*
 * `npm run test:census` is how the suite's storage work is found file by file: the counts must be
 * the requests really sent, under the file that sent them, and every answer must come back as
 * DynamoDB Local gave it.
 */
let env: TestEnv;
let census: RequestCensus;
let dir: string;
beforeAll(async () => {
  env = await createTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'census-test-'));
  census = await startRequestCensus(env.endpoint, dir, '/repo');
  noteCensusPrefix(dir, env.contentTable.replace(/-Content$/, ''), '/repo/tests/api/example.test.ts');
});
afterAll(async () => {
  await census?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the request census', () => {
  it('counts each request under the file whose tables it names, and passes the answers through', async () => {
    const db = createDocumentClient(census.endpoint);
    const raw = localClient(census.endpoint);
    try {
      await db.send(new PutCommand({ TableName: env.contentTable, Item: { pk: 'A#1', sk: 'X', n: 1 } }));
      await db.send(
        new BatchWriteCommand({
          RequestItems: { [env.contentTable]: [{ PutRequest: { Item: { pk: 'A#2', sk: 'X', n: 2 } } }] },
        }),
      );
      await db.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: env.commentsTable, Item: { pk: 'C#1', sk: 'X' } } }],
        }),
      );
      const got = await db.send(new GetCommand({ TableName: env.contentTable, Key: { pk: 'A#2', sk: 'X' } }));
      expect(got.Item).toEqual({ pk: 'A#2', sk: 'X', n: 2 });
      // Names no table of a file: counted apart. (One name: the run's DynamoDB Local holds hundreds.)
      const listed = await raw.send(new ListTablesCommand({ Limit: 1 }));
      expect(listed.TableNames).toHaveLength(1);
    } finally {
      db.destroy();
      raw.destroy();
    }
    const byFile = census.tallies();
    const ops = Object.fromEntries(
      [...(byFile.get('tests/api/example.test.ts') ?? [])].map(([op, t]) => [op, t.requests]),
    );
    expect(ops).toEqual({ PutItem: 1, BatchWriteItem: 1, TransactWriteItems: 1, GetItem: 1 });
    expect(byFile.get('other')?.get('ListTables')?.requests).toBe(1);
    expect(census.report()).toMatch(/Requests to DynamoDB Local {2}5 from 2 files/);
    expect(census.report()).toContain('4  tests/api/example.test.ts');
  });

  it('finds the prefix in a stream ARN and not in an item’s text', () => {
    expect(
      prefixOf(
        '{"StreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/t0123456789-Content/stream/2026-12-08T03:00:00.000"}',
      ),
    ).toBe('t0123456789');
    expect(prefixOf('{"Item":{"body":{"S":"see t0123456789-Content"}}}')).toBeUndefined();
  });
});
