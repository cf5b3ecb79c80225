import { describe, expect, it } from 'vitest';
import type { EventSink } from '../../shared/integrations/events.ts';
import { relay } from '../../shared/integrations/relay.ts';
import { keys } from '../../shared/store/keys.ts';
import type { FeedEntry } from '../../shared/syndication/entries.ts';
import { streamRecord as record } from '../support/streamRecords.ts';

/**
 * The relay keeping feeds and sitemaps, when their store fails: a failure DynamoDB cannot be made
 * to produce on demand, so the store is a stand-in that records what it is asked and refuses what
 * the test says (the store itself is tested against DynamoDB Local in requestCounts and the API
 * tests). What it asserts is the relay's contract: a failed record is reported for retry, nothing
 * after it is derived first, and a change feeds do not show (a comment count) writes nothing.
 */
const snapshot = (slug: string, version: number, extra: Record<string, unknown> = {}) => ({
  ...keys.liveSnapshot(slug),
  id: `id-${slug}`,
  slug,
  section: 'city',
  title: `Story ${slug}`,
  standfirst: '',
  body: [{ type: 'paragraph', text: 'Words.' }],
  tags: ['trams'],
  byline: 'By A. Reporter',
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
  ...extra,
});

const sink: EventSink = { send: async (events) => events.map(() => true) };

function store(refuse: (after: FeedEntry | null) => boolean = () => false) {
  const applied: string[] = [];
  return {
    applied,
    syndication: {
      apply: async (before: FeedEntry | null, after: FeedEntry | null) => {
        if (refuse(after)) throw new Error('ProvisionedThroughputExceededException');
        applied.push(`${before?.slug ?? '-'} -> ${after ? `${after.slug} "${after.title}"` : '-'}`);
      },
    },
  };
}

describe('the relay keeping feeds and sitemaps', () => {
  it('puts a story that goes live, moves one that changes, and takes one that is unpublished out', async () => {
    const { syndication, applied } = store();
    const result = await relay(
      [
        record('INSERT', undefined, snapshot('a', 1)),
        record('MODIFY', snapshot('a', 1), snapshot('a', 2, { title: 'Corrected' })),
        record('REMOVE', snapshot('b', 2), undefined),
      ],
      sink,
      undefined,
      syndication,
    );
    expect(result.failed).toEqual([]);
    expect(applied).toEqual(['- -> a "Story a"', 'a -> a "Corrected"', 'b -> -']);
  });

  it('writes nothing for a comment count or a closed thread, which feeds do not show', async () => {
    const { syndication, applied } = store();
    await relay(
      [
        record('MODIFY', snapshot('a', 1), snapshot('a', 1, { commentCount: 3 })),
        record('MODIFY', snapshot('a', 1), snapshot('a', 1, { commentsCloseAt: '2026-12-01T00:00:00.000Z' })),
        // A working copy is no snapshot: not in feeds.
        record(
          'MODIFY',
          { ...keys.working('x'), id: 'x' },
          { ...keys.working('x'), id: 'x', title: 'Draft' },
        ),
      ],
      sink,
      undefined,
      syndication,
    );
    expect(applied).toEqual([]);
  });

  it('reports a record whose derivation failed, and derives nothing after it in the batch', async () => {
    const { syndication, applied } = store((after) => after?.slug === 'b');
    const first = record('INSERT', undefined, snapshot('a', 1));
    const failing = record('INSERT', undefined, snapshot('b', 1));
    const later = record('MODIFY', snapshot('b', 1), snapshot('b', 2, { title: 'Later' }));
    const result = await relay([first, failing, later], sink, undefined, syndication);
    expect(result.failed).toEqual([failing.dynamodb?.SequenceNumber]);
    expect(applied).toEqual(['- -> a "Story a"']);
  });
});
