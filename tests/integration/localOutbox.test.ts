import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalOutbox, startLocalOutbox } from '../../infra/local/outbox.ts';
import { changeOf, eventsOf } from '../../shared/integrations/outbox.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { keys } from '../../shared/store/keys.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * The local stream poller against DynamoDB Local's real streams, with a handler that records what
 * it is given and refuses what the test says (as the relay refuses records whose events failed).
 */
let env: TestEnv;
let db: ReturnType<typeof createDocumentClient>;
let outbox: LocalOutbox;
const seen: string[] = [];
let refuseSlug: string | null = null;
let deadLetterFile: string;

async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const change = changeOf(record as never);
    const events = change ? eventsOf(change) : [];
    if (events.some((e) => e.detail.slug === refuseSlug)) {
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      break;
    }
    for (const e of events) seen.push(`${e.type} ${e.detail.slug} v${e.detail.version}`);
  }
  return { batchItemFailures: failures };
}

const putSnapshot = (slug: string, version: number) =>
  db.send(
    new PutCommand({
      TableName: env.contentTable,
      Item: {
        ...keys.liveSnapshot(slug),
        id: `id-${slug}`,
        slug,
        section: 'city',
        version,
        updatedAt: new Date().toISOString(),
      },
    }),
  );

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  // Written before the poller starts: like the samples, announced by nobody.
  await putSnapshot('before-start', 1);
  deadLetterFile = join(mkdtempSync(join(tmpdir(), 'cms-outbox-')), 'dead.log');
  outbox = await startLocalOutbox({
    endpoint: env.endpoint,
    tables: [env.contentTable, env.commentsTable],
    handler,
    intervalMs: 0,
    deadLetterFile,
  });
});
afterAll(async () => {
  await outbox?.stop();
  db?.destroy();
});

describe('the local outbox poller', () => {
  it('hands over what is committed after it started, once, in order', async () => {
    await putSnapshot('first', 1);
    await putSnapshot('first', 2);
    expect(await outbox.drain()).toBe(2);
    expect(await outbox.drain()).toBe(0);
    expect(seen).toEqual(['ArticlePublished first v1', 'ArticlePublished first v2']);
  });

  it('retries a refused record from where it failed, then dead-letters it after three attempts', async () => {
    seen.length = 0;
    refuseSlug = 'stuck';
    await putSnapshot('stuck', 1);
    await putSnapshot('after-stuck', 1);
    await outbox.drain();
    await outbox.drain();
    expect(seen).toEqual([]);
    expect(existsSync(deadLetterFile)).toBe(false);
    // Third attempt: given up, written down, and the stream moves on to the next record.
    await outbox.drain();
    expect(seen).toEqual(['ArticlePublished after-stuck v1']);
    const [dead] = readFileSync(deadLetterFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(dead).toMatchObject({ eventName: 'INSERT', Keys: { pk: { S: 'SLUG#stuck' }, sk: { S: 'LIVE' } } });
    refuseSlug = null;
  });

  it('relays what was committed just before it stops', async () => {
    seen.length = 0;
    await putSnapshot('last-minute', 3);
    await outbox.stop();
    expect(seen).toEqual(['ArticlePublished last-minute v3']);
  });

  it('stops without relaying what is pending when told to (a test’s throwaway tables)', async () => {
    const quiet = await startLocalOutbox({
      endpoint: env.endpoint,
      tables: [env.contentTable, env.commentsTable],
      handler,
      intervalMs: 0,
      deadLetterFile,
    });
    seen.length = 0;
    await putSnapshot('relayed', 1);
    await quiet.drain();
    await putSnapshot('never-read', 1);
    await quiet.stop({ relayPending: false });
    expect(seen).toEqual(['ArticlePublished relayed v1']);
  });
});
