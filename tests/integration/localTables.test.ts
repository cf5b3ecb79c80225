import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables, type LocalDynamo, startDynamo, tableName } from '../../infra/local/dynamo.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, createTableInput } from '../../shared/store/tables.ts';

/**
 * `npm start` keeps its tables in .local/dynamodb: a store created before an index existed must
 * get it on the next start, or the listings it serves fail on a developer's machine.
 */
/*
 * Its own DynamoDB Local: index backfills on the suite's shared instance wait behind every other
 * file's load (over a minute on CI, 3.5 s alone).
 */
let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
}, 60_000);
afterAll(() => dynamo?.stop());

describe('local tables kept from an older definition', () => {
  // Index builds run one at a time per table; under a loaded CI machine three take well over 30 s.
  it('gain the indexes defined since', { timeout: 180_000 }, async () => {
    const endpoint = dynamo.endpoint;
    const prefix = `older-${Date.now().toString(36)}`;
    const client = new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const before = ['byReplies', 'byFeatured', 'byCommenter'];
    const older = {
      ...COMMENTS_TABLE,
      indexes: COMMENTS_TABLE.indexes.filter((i) => !before.includes(i.name)),
    };
    await client.send(new CreateTableCommand(createTableInput(older, tableName(prefix, COMMENTS_TABLE))));
    await client.send(
      new CreateTableCommand(createTableInput(CONTENT_TABLE, tableName(prefix, CONTENT_TABLE))),
    );

    await ensureTables(endpoint, prefix);
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName(prefix, COMMENTS_TABLE) }),
    );
    expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
      COMMENTS_TABLE.indexes.map((i) => i.name).sort(),
    );
    client.destroy();
  });

  it('have an index whose projection changed built again as defined', { timeout: 180_000 }, async () => {
    const prefix = `reprojected-${Date.now().toString(36)}`;
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // byClient as it was defined before: projecting the status (now keys only).
    const older = {
      ...COMMENTS_TABLE,
      indexes: COMMENTS_TABLE.indexes.map((i) => (i.name === 'byClient' ? { ...i, include: ['status'] } : i)),
    };
    await client.send(new CreateTableCommand(createTableInput(older, tableName(prefix, COMMENTS_TABLE))));
    await client.send(
      new CreateTableCommand(createTableInput(CONTENT_TABLE, tableName(prefix, CONTENT_TABLE))),
    );

    await ensureTables(dynamo.endpoint, prefix);
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName(prefix, COMMENTS_TABLE) }),
    );
    const byClient = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'byClient');
    expect(byClient?.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
    expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
      COMMENTS_TABLE.indexes.map((i) => i.name).sort(),
    );
    client.destroy();
  });
});
