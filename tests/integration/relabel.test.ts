import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalOutbox, startLocalOutbox } from '../../infra/local/outbox.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock } from '../../shared/clock.ts';
import type { CmsEvent } from '../../shared/integrations/outbox.ts';
import { relay } from '../../shared/integrations/relay.ts';
import { createTaxonomy } from '../../shared/services/taxonomy.ts';
import type { StoredArticle } from '../../shared/store/articleStore.ts';
import { keys } from '../../shared/store/keys.ts';
import { getItem } from '../../shared/store/query.ts';
import { SyndicationStore } from '../../shared/store/syndicationWrites.ts';
import { Relabeller } from '../../shared/taxonomy/relabel.ts';
import { publishArticle, type TestNewsroom, testNewsroom } from '../support/newsroom.ts';

/**
 * A section renamed with 24 articles in it, carried into the stored articles by the relay (the
 * real stream of DynamoDB Local, read by the local outbox poller), a page per step. Pages of 5 here
 * (RELABEL_PAGE's 25 in production): the same five steps as 120 articles, at a fifth of the writes.
 */
let t: TestNewsroom;
let outbox: LocalOutbox;
let relabeller: Relabeller;
const events: CmsEvent[] = [];
const author: Principal = { sub: 'rl-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'rl-desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'The quay reopens.', marks: [] }] }];

async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const sink = { send: async (sent: readonly CmsEvent[]) => sent.map((e) => (events.push(e), true)) };
  const syndication = new SyndicationStore(t.db, t.env.contentTable);
  const { failed } = await relay(event.Records as never, sink, undefined, syndication, undefined, relabeller);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** Until the stream is quiet: each job step writes the item that triggers the next. */
async function settle() {
  for (let round = 0; round < 30; round += 1) if ((await outbox.drain()) === 0) return;
  throw new Error('the stream did not settle');
}

async function createIn(section: string, count: number, prefix: string): Promise<StoredArticle[]> {
  const made: StoredArticle[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
      t.newsroom.create(author, { title: `${prefix} ${i + j}`, section, tags: ['quay'], body }),
    );
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

const sectionOf = async (id: string) => (await t.store.get(id))?.section;

beforeAll(async () => {
  t = await testNewsroom();
  relabeller = new Relabeller(t.db, t.env.contentTable, undefined, { pageSize: 5 });
  outbox = await startLocalOutbox({
    endpoint: t.env.endpoint,
    tables: [t.env.contentTable],
    handler,
    intervalMs: 0,
    deadLetterFile: join(mkdtempSync(join(tmpdir(), 'cms-relabel-')), 'dead.log'),
  });
});
afterAll(async () => {
  await outbox?.stop();
  t?.db.destroy();
});

describe('a section renamed with 24 articles, in pages of 5', () => {
  it('reaches every working copy, live snapshot and feed; once; and a second run writes nothing', async () => {
    const taxonomy = createTaxonomy({ store: t.store.taxonomy, clock: systemClock });
    const section = await taxonomy.createSection(editor, { slug: 'rl-harbour', name: 'Harbour' });
    const articles = await createIn('rl-harbour', 24, 'Quay story');
    const live = await Promise.all(
      articles.slice(0, 3).map((a) => publishArticle(t.newsroom, author, editor, a)),
    );
    await settle();
    events.length = 0;

    await taxonomy.updateSection(editor, 'rl-harbour', section.version, { slug: 'rl-docks', name: 'Docks' });
    await settle();

    const sections = await Promise.all(articles.map((a) => sectionOf(a.id)));
    expect(sections.filter((s) => s !== 'rl-docks')).toEqual([]);
    for (const a of live) {
      const snapshot = await getItem(t.db, t.env.contentTable, keys.liveSnapshot(a.slug), true);
      // The public article (and its jsonLd's articleSection) carries the new slug, at the same version.
      expect(snapshot).toMatchObject({ section: 'rl-docks', version: a.version });
    }
    // The section's feed followed its stories (the relay derives feeds from the snapshots).
    const feed = (slug: string) =>
      t.db.send(
        new QueryCommand({
          TableName: t.env.contentTable,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': `SYND#section#${slug}` },
          ConsistentRead: true,
        }),
      );
    expect((await feed('rl-docks')).Items).toHaveLength(3);
    expect((await feed('rl-harbour')).Items).toHaveLength(0);

    const relabelled = events.filter((e) => e.type === 'ArticlesRelabelled');
    expect(relabelled).toHaveLength(1);
    expect(relabelled[0]?.detail).toMatchObject({
      kind: 'section',
      from: 'rl-harbour',
      to: 'rl-docks',
      updated: 24,
    });

    // The manual rerun (npm run migrate -- relabel-articles) finds nothing left to change.
    expect(await relabeller.runToEnd({ kind: 'section', from: 'rl-harbour', to: 'rl-docks' })).toBe(0);
  }, 600_000);

  it('an article edited between two steps keeps its edit and still gets the new slug', async () => {
    const taxonomy = createTaxonomy({ store: t.store.taxonomy, clock: systemClock });
    await taxonomy.createSection(editor, { slug: 'rl-quay', name: 'Quay' });
    const articles = await createIn('rl-quay', 6, 'Pier story');
    // Driven by hand, a page of two at a time, with no relay in between.
    let job = await relabeller.start('section', 'rl-quay', 'rl-pier');
    job = (await relabeller.advance(job, 2)) ?? job;
    const untouched = [];
    for (const a of articles) if ((await sectionOf(a.id)) === 'rl-quay') untouched.push(a);
    expect(untouched).toHaveLength(4);
    const target = untouched[0] as StoredArticle;
    const edited = await t.newsroom.patch(author, target.id, target.version, { title: 'Pier story, edited' });
    let next: typeof job | null = job;
    while (next && next.status === 'running') next = await relabeller.advance(next, 2);
    const after = await t.store.get(target.id);
    expect(after).toMatchObject({ title: 'Pier story, edited', section: 'rl-pier', version: edited.version });
    const all = await Promise.all(articles.map((a) => sectionOf(a.id)));
    expect(all.every((s) => s === 'rl-pier')).toBe(true);
  }, 300_000);
});
