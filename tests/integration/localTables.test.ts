import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDynamo, startDynamo } from '../../infra/local/dynamo.ts';
import { ensureTables, tableName } from '../../infra/local/localTables.ts';
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
});
afterAll(() => dynamo?.stop());

describe('local tables kept from an older definition', () => {
  // Index builds run one at a time per table; under a loaded CI machine three take well over 30 s.
  it('gain the indexes defined since', async () => {
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

  it('have an index whose projection changed built again as defined', async () => {
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

  it('drop an index no longer defined, keeping the rest and the items', async () => {
    const prefix = `dropped-${Date.now().toString(36)}`;
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // The content table as it was before: with byUpdated, every working copy in one partition.
    const older = {
      ...CONTENT_TABLE,
      indexes: [
        ...CONTENT_TABLE.indexes,
        {
          name: 'byUpdated',
          partitionKey: { name: 'gsiAll', type: 'S' as const },
          sortKey: { name: 'updatedAt', type: 'S' as const },
        },
      ],
    };
    const name = tableName(prefix, CONTENT_TABLE);
    await client.send(new CreateTableCommand(createTableInput(older, name)));
    await client.send(
      new CreateTableCommand(createTableInput(COMMENTS_TABLE, tableName(prefix, COMMENTS_TABLE))),
    );
    await client.send(
      new PutItemCommand({
        TableName: name,
        Item: {
          pk: { S: 'ARTICLE#A' },
          sk: { S: 'WORKING' },
          gsiAll: { S: 'ARTICLE' },
          gsiStatus: { S: 'draft' },
          updatedAt: { S: '2026-11-01T08:00:00.000Z' },
        },
      }),
    );

    await ensureTables(dynamo.endpoint, prefix);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
      CONTENT_TABLE.indexes.map((i) => i.name).sort(),
    );
    const { Count } = await client.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsiStatus = :s',
        ExpressionAttributeValues: { ':s': { S: 'draft' } },
        Select: 'COUNT',
      }),
    );
    expect(Count).toBe(1);
    // A second start finds nothing to change.
    await ensureTables(dynamo.endpoint, prefix);
    client.destroy();
  });
});
