import { describe, expect, it } from 'vitest';
import type { EventSink } from '../../shared/integrations/events.ts';
import { type CmsEvent, changeOf, eventsOf, type StreamRecord } from '../../shared/integrations/outbox.ts';
import { relay } from '../../shared/integrations/relay.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import { ITEM_TYPES, keys } from '../../shared/store/keys.ts';
import { COMMITTED, streamRecord as record } from '../support/streamRecords.ts';

const COMMITTED_AT = new Date(COMMITTED * 1000).toISOString();

const snapshot = (overrides: Record<string, unknown> = {}) => {
  const slug = (overrides.slug as string | undefined) ?? 'harbour-wall-repairs';
  return {
    ...keys.liveSnapshot(slug),
    type: ITEM_TYPES.snapshot,
    id: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
    articleId: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
    slug,
    section: 'city',
    title: 'Harbour wall repairs begin',
    version: 4,
    publishedAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    commentCount: 0,
    ...overrides,
  };
};

const comment = (overrides: Record<string, unknown> = {}) => {
  const id = (overrides.id as string | undefined) ?? '01KB0000000000000000000001';
  return {
    ...commentKeys.comment(id),
    type: ITEM_TYPES.comment,
    id,
    articleId: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
    articleSlug: 'harbour-wall-repairs',
    articleTitle: 'Harbour wall repairs begin',
    authorName: 'A reader',
    authorEmail: 'reader@example.org',
    body: 'When will the path reopen?',
    status: 'pending',
    createdAt: '2026-11-01T10:00:00.000Z',
    fingerprint: 'abc',
    flags: [],
    moderation: [],
    ...overrides,
  };
};

const decision = (at: string, from: string, to: string) => ({ at, actor: 'mo', action: 'x', from, to });

const derive = (r: StreamRecord) => {
  const change = changeOf(r);
  if (!change) throw new Error('not a change');
  return eventsOf(change);
};
const summary = (events: CmsEvent[]) => events.map((e) => [e.type, e.detail.version]);
const statusOf = (e: CmsEvent) => ('status' in e.detail ? e.detail.status : undefined);

describe('article events from the live snapshot', () => {
  it('announces a new snapshot as published, with what caches need and the write time', () => {
    const s = snapshot({ updatedAt: '2026-11-01T09:00:01.234Z' });
    expect(derive(record('INSERT', undefined, s))).toEqual([
      {
        type: 'ArticlePublished',
        detail: {
          id: s.id,
          slug: s.slug,
          section: 'city',
          version: 4,
          at: '2026-11-01T09:00:01.234Z',
          corrections: [],
        },
      },
    ]);
  });

  it('announces a live update (a new version) once, and a new section with it', () => {
    const before = snapshot();
    const after = snapshot({ version: 7, section: 'politics', updatedAt: '2026-11-02T08:00:00.000Z' });
    const events = derive(record('MODIFY', before, after));
    expect(summary(events)).toEqual([['ArticlePublished', 7]]);
    expect(events[0]?.detail).toMatchObject({ section: 'politics', at: '2026-11-02T08:00:00.000Z' });
  });

  it('announces nothing when only the comment count moves on the snapshot', () => {
    expect(derive(record('MODIFY', snapshot(), snapshot({ commentCount: 1 })))).toEqual([]);
    expect(derive(record('MODIFY', snapshot({ commentCount: 3 }), snapshot({ commentCount: 2 })))).toEqual(
      [],
    );
  });

  it('announces nothing when comments close or reopen, or the featured count moves', () => {
    const closing = snapshot({ commentsCloseAt: '2026-12-01T09:00:00.000Z', featuredCount: 0 });
    expect(derive(record('MODIFY', snapshot(), closing))).toEqual([]);
    expect(derive(record('MODIFY', closing, { ...closing, commentsCloseAt: null }))).toEqual([]);
    expect(derive(record('MODIFY', closing, { ...closing, featuredCount: 1 }))).toEqual([]);
  });

  it('announces nothing for a rewrite of the same version', () => {
    const s = snapshot();
    expect(derive(record('MODIFY', s, { ...s, title: 'Same version, rewritten' }))).toEqual([]);
  });

  it('announces a removed snapshot as unpublished: the version, slug and section the public saw', () => {
    const events = derive(record('REMOVE', snapshot({ section: 'sport' }), undefined));
    expect(events).toEqual([
      {
        type: 'ArticleUnpublished',
        detail: {
          id: snapshot().id,
          slug: 'harbour-wall-repairs',
          section: 'sport',
          version: 4,
          at: COMMITTED_AT,
        },
      },
    ]);
  });

  it('announces a slug change as the old slug unpublished and the new one published', () => {
    const gone = derive(record('REMOVE', snapshot({ slug: 'old-slug' }), undefined));
    const came = derive(record('INSERT', undefined, snapshot({ slug: 'new-slug', version: 9 })));
    expect(gone.map((e) => [e.type, e.detail.slug])).toEqual([['ArticleUnpublished', 'old-slug']]);
    expect(came.map((e) => [e.type, e.detail.slug, e.detail.version])).toEqual([
      ['ArticlePublished', 'new-slug', 9],
    ]);
  });

  it('ignores every other content item: working copies, revisions, audit entries, feeds, claims', () => {
    const id = snapshot().id;
    const working = { ...keys.working(id), id, slug: 'x', section: 'city', version: 5, live: true };
    const feed = { ...keys.feedEntry('all', '2026-11-01', id), id, slug: 'x', section: 'city', version: 5 };
    const claim = { ...keys.slugClaim('x'), articleId: id };
    const audit = { ...keys.audit(id, 5), version: 5, action: 'publish' };
    for (const item of [working, feed, claim, audit]) {
      expect(derive(record('INSERT', undefined, item))).toEqual([]);
      expect(derive(record('MODIFY', item, { ...item, version: 6 }))).toEqual([]);
      expect(derive(record('REMOVE', item, undefined))).toEqual([]);
    }
  });

  it('ignores a snapshot item without a version (a count update on a missing snapshot)', () => {
    expect(derive(record('INSERT', undefined, { ...keys.liveSnapshot('x'), commentCount: 1 }))).toEqual([]);
  });
});

describe('comment events', () => {
  it('announces a posted comment once, with its status, article and no personal data', () => {
    const events = derive(record('INSERT', undefined, comment()));
    expect(events).toEqual([
      {
        type: 'CommentPosted',
        detail: {
          id: comment().id,
          articleId: comment().articleId,
          slug: 'harbour-wall-repairs',
          status: 'pending',
          version: 0,
          at: '2026-11-01T10:00:00.000Z',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/reader@example|fingerprint|When will/);
  });

  it('announces a comment approved at once (post-moderation) as posted and approved', () => {
    expect(
      derive(record('INSERT', undefined, comment({ status: 'approved' }))).map((e) => [e.type, statusOf(e)]),
    ).toEqual([
      ['CommentPosted', 'approved'],
      ['CommentApproved', 'approved'],
    ]);
  });

  it('announces a moderator approval with the decision time and the number of decisions', () => {
    const before = comment();
    const after = comment({
      status: 'approved',
      moderation: [decision('2026-11-01T11:00:00.000Z', 'pending', 'approved')],
    });
    const events = derive(record('MODIFY', before, after));
    expect(events.map((e) => [e.type, e.detail.version, e.detail.at])).toEqual([
      ['CommentApproved', 1, '2026-11-01T11:00:00.000Z'],
    ]);
  });

  it('announces a rejection or a spam verdict as rejected, with the status', () => {
    const rejected = comment({ status: 'rejected', moderation: [decision('t1', 'pending', 'rejected')] });
    const spam = comment({ status: 'spam', moderation: [decision('t1', 'pending', 'spam')] });
    expect(derive(record('MODIFY', comment(), rejected)).map((e) => [e.type, statusOf(e)])).toEqual([
      ['CommentRejected', 'rejected'],
    ]);
    expect(derive(record('MODIFY', comment(), spam)).map((e) => [e.type, statusOf(e)])).toEqual([
      ['CommentRejected', 'spam'],
    ]);
  });

  it('announces nothing for a requeue, an unchanged status, or an erased comment', () => {
    const approved = comment({ status: 'approved', moderation: [decision('t1', 'pending', 'approved')] });
    const requeued = comment({
      status: 'pending',
      moderation: [decision('t1', 'pending', 'approved'), decision('t2', 'approved', 'pending')],
    });
    expect(derive(record('MODIFY', approved, requeued))).toEqual([]);
    expect(derive(record('MODIFY', approved, { ...approved, body: 'edited by hand' }))).toEqual([]);
    expect(derive(record('REMOVE', approved, undefined))).toEqual([]);
  });

  it('announces an approval after a requeue again, as a new version', () => {
    const requeued = comment({
      moderation: [decision('t1', 'pending', 'approved'), decision('t2', 'approved', 'pending')],
    });
    const again = comment({
      status: 'approved',
      moderation: [...requeued.moderation, decision('t3', 'pending', 'approved')],
    });
    expect(summary(derive(record('MODIFY', requeued, again)))).toEqual([['CommentApproved', 3]]);
  });

  it('announces nothing for featuring or unfeaturing: the status stays', () => {
    const approved = comment({
      status: 'approved',
      decisions: 1,
      moderation: [decision('t1', 'pending', 'approved')],
    });
    const featured = {
      ...approved,
      featured: true,
      decisions: 2,
      moderation: [...approved.moderation, decision('t2', 'approved', 'approved')],
    };
    expect(derive(record('MODIFY', approved, featured))).toEqual([]);
    expect(derive(record('MODIFY', featured, { ...featured, featured: false, decisions: 3 }))).toEqual([]);
  });

  it('numbers a decision by all the decisions made, though the log keeps only the newest', () => {
    const log = Array.from({ length: 50 }, (_, i) => decision(`t${i}`, 'approved', 'approved'));
    const before = comment({ status: 'pending', decisions: 56, moderation: log });
    const after = comment({
      status: 'approved',
      decisions: 57,
      moderation: [...log.slice(1), decision('t57', 'pending', 'approved')],
    });
    expect(summary(derive(record('MODIFY', before, after)))).toEqual([['CommentApproved', 57]]);
  });

  it('ignores settings, flood and duplicate markers', () => {
    for (const item of [
      { ...commentKeys.settings, mode: 'pre' },
      { ...commentKeys.flood('fp'), expiresAt: 1 },
      { ...commentKeys.duplicate('h'), expiresAt: 1 },
    ]) {
      expect(derive(record('INSERT', undefined, item))).toEqual([]);
    }
  });
});

describe('the relay', () => {
  /** A sink that refuses the events `refuse` picks, as EventBridge refuses single entries. */
  const sink = (refuse: (e: CmsEvent) => boolean = () => false) => {
    const sent: CmsEvent[] = [];
    const s: EventSink = {
      async send(events) {
        sent.push(...events);
        return events.map((e) => !refuse(e));
      },
    };
    return { sent, s };
  };

  it('sends the events of a batch and reports no failure when all were delivered', async () => {
    const { sent, s } = sink();
    const records = [
      record('INSERT', undefined, snapshot()),
      record('MODIFY', snapshot(), snapshot({ commentCount: 1 })),
      record('INSERT', undefined, comment()),
    ];
    const result = await relay(records, s);
    expect(result).toMatchObject({ delivered: 2, failed: [] });
    expect(sent.map((e) => e.type)).toEqual(['ArticlePublished', 'CommentPosted']);
    const status = sent[1]?.type === 'CommentPosted' ? sent[1].detail.status : undefined;
    expect(result.counts).toMatchObject({
      ArticlesPublished: 1,
      CommentsPosted: 1,
      CommentsHeld: status === 'pending' ? 1 : 0,
      CommentsApproved: status === 'approved' ? 1 : 0,
    });
  });

  it('reports the records whose events were refused, by sequence number, in stream order', async () => {
    const { s } = sink((e) => e.type === 'CommentApproved' || e.detail.version === 9);
    const ok = record('INSERT', undefined, snapshot());
    const refusedSecond = record('INSERT', undefined, comment({ status: 'approved' }));
    const refused = record('INSERT', undefined, snapshot({ slug: 'other', version: 9 }));
    const result = await relay([ok, refused, refusedSecond], s);
    expect(result.failed).toEqual([refused.dynamodb?.SequenceNumber, refusedSecond.dynamodb?.SequenceNumber]);
    expect(result.delivered).toBe(2);
    // Only the record before the first failure is done; the rest are counted when retried.
    expect(result.counts).toMatchObject({ ArticlesPublished: 1, CommentsPosted: 0 });
  });

  it('sends nothing for a batch that announces nothing', async () => {
    const { sent, s } = sink();
    expect(await relay([record('MODIFY', snapshot(), snapshot({ commentCount: 5 }))], s)).toEqual({
      delivered: 0,
      failed: [],
      counts: {},
    });
    expect(sent).toEqual([]);
  });
});
