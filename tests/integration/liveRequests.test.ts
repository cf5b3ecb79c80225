import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock, ulidFactory } from '../../shared/clock.ts';
import { createLiveCoverage, type LiveCoverage } from '../../shared/services/live/liveCoverage.ts';
import { createLiveReads } from '../../shared/services/live/liveReads.ts';
import { LiveStore } from '../../shared/store/live/liveStore.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * Live coverage on DynamoDB Local, its requests counted on the client (every one still reaches
 * DynamoDB Local): posting an entry is at most 2, a reader's poll is 1.
 */
let db: DynamoDBDocumentClient;
let sent: string[] = [];
let newsroom: Newsroom;
let live: LiveCoverage;
let reads: ReturnType<typeof createLiveReads>;
const author: Principal = { sub: 'live-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'live-desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Counted.', marks: [] }] }];

beforeAll(async () => {
  const fixture = await testNewsroom();
  ({ db, newsroom } = fixture);
  const store = new LiveStore(db, fixture.env.contentTable);
  live = createLiveCoverage({
    live: store,
    clock: systemClock,
    newId: ulidFactory(),
    article: async (id) => {
      const found = await fixture.store.get(id);
      return (
        found && {
          id,
          slug: found.slug,
          everLive: found.everLive,
          title: found.title,
          section: found.section,
        }
      );
    },
  });
  reads = createLiveReads(store);
  sent = recordRequests(db);
});
afterAll(() => db?.destroy());

async function counted<T>(work: () => Promise<T>) {
  sent.length = 0;
  const result = await work();
  return { result, requests: [...sent] };
}

describe('live coverage requests', () => {
  it('posts an entry in 2 requests, and answers a poll in 1', async () => {
    const draft = await newsroom.create(author, {
      title: 'Counted live',
      section: 'city',
      body,
    } as Parameters<Newsroom['create']>[1]);
    const article = await publishArticle(newsroom, author, editor, draft);
    await live.setCoverage(editor, article.id, { state: 'live' });

    const first = await counted(() => live.post(editor, article.id, { body }));
    expect(first.requests).toEqual(['GetItem', 'TransactWriteItems']);
    const keyed = await counted(() => live.post(editor, article.id, { body, pinned: true, keyEvent: true }));
    expect(keyed.requests).toEqual(['GetItem', 'TransactWriteItems']);

    const page = await counted(() => reads.entries(article.slug, {}));
    expect(page.requests).toEqual(['Query']);
    expect(page.result.items.map((e) => e.id)).toEqual([keyed.result.id, first.result.id]);
    const poll = await counted(() => reads.entries(article.slug, { since: page.result.since }));
    expect(poll.requests).toEqual(['Query']);
    expect(poll.result.items).toEqual([]);
    const pinned = await counted(() => reads.list(article.slug, 'pinned', {}));
    expect(pinned.requests).toEqual(['Query']);
    expect(pinned.result.items.map((e) => e.id)).toEqual([keyed.result.id]);
  });
});
