import { describe, expect, it } from 'vitest';
import type { EventSink } from '../../shared/integrations/events.ts';
import { relay } from '../../shared/integrations/relay.ts';
import type { SearchFeed } from '../../shared/search/indexer.ts';
import type { SearchDocument } from '../../shared/search/searchIndex.ts';
import { keys } from '../../shared/store/keys.ts';
import { streamRecord as record } from '../support/streamRecords.ts';

/**
 * The relay's indexing when the index fails: a failure DynamoDB cannot be made to produce on
 * demand, so the index here is a stand-in that refuses what the test says. What it asserts is the
 * relay's contract: the failed record is reported (the stream retries it, then dead-letters it),
 * and no later record is indexed before it, so an older snapshot never overwrites a newer one.
 */
const snapshot = (slug: string, version: number) => ({
  ...keys.liveSnapshot(slug),
  id: `id-${slug}`,
  slug,
  section: 'city',
  title: `Story ${slug}`,
  standfirst: '',
  body: [{ type: 'paragraph', text: 'Words.' }],
  tags: [],
  byline: '',
  source: null,
  seo: { noindex: false },
  leadImage: null,
  version,
  publishedAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  commentsEnabled: false,
  commentCount: 0,
  featuredCount: 0,
  commentsCloseAt: null,
  corrections: [],
});

const sink: EventSink = { send: async (events) => events.map(() => true) };

function feed(refuse: (doc: SearchDocument) => boolean) {
  const indexed: string[] = [];
  const removed: string[] = [];
  const search: SearchFeed = {
    articles: { get: async () => null },
    index: {
      put: async (doc) => {
        if (refuse(doc)) throw new Error('ProvisionedThroughputExceededException');
        indexed.push(`${doc.scope} ${String((doc.entry as { slug?: string }).slug)}`);
        return true;
      },
      remove: async (scope, id) => {
        removed.push(`${scope} ${id}`);
      },
      search: async () => ({ hits: [], next: null, cost: { requests: 0, readUnits: 0 } }),
    },
  };
  return { search, indexed, removed };
}

describe('the relay keeping the search index', () => {
  it('indexes live snapshots and takes an unpublished one out', async () => {
    const { search, indexed, removed } = feed(() => false);
    const result = await relay(
      [record('INSERT', undefined, snapshot('a', 1)), record('REMOVE', snapshot('b', 2), undefined)],
      sink,
      search,
    );
    expect(result.failed).toEqual([]);
    expect(indexed).toEqual(['live a']);
    expect(removed).toEqual(['live id-b']);
  });

  it('does not reindex for a comment count, which changes no version', async () => {
    const { search, indexed } = feed(() => false);
    await relay([record('MODIFY', snapshot('a', 1), { ...snapshot('a', 1), commentCount: 3 })], sink, search);
    expect(indexed).toEqual([]);
  });

  it('reports a record whose indexing failed, and indexes nothing after it in the batch', async () => {
    const { search, indexed } = feed((doc) => (doc.entry as { slug?: string }).slug === 'b');
    const first = record('INSERT', undefined, snapshot('a', 1));
    const failing = record('INSERT', undefined, snapshot('b', 1));
    const later = record('MODIFY', snapshot('b', 1), snapshot('b', 2));
    const result = await relay([first, failing, later], sink, search);
    expect(result.failed).toEqual([failing.dynamodb?.SequenceNumber]);
    expect(indexed).toEqual(['live a']);
  });
});
