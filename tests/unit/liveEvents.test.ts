import { describe, expect, it } from 'vitest';
import { liveEvents } from '../../shared/integrations/liveEvents.ts';

const record = (over: Record<string, unknown> = {}) => ({
  type: 'liveEntry',
  id: '01KAX3W5B7D9F1H3K5M7P9R1T3',
  articleId: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
  slug: 'storm-live',
  version: 1,
  changeId: '01KAX3W5B7D9F1H3K5M7P9R1T3',
  updatedAt: '2026-12-07T09:00:00.000Z',
  pinned: false,
  keyEvent: false,
  hidden: false,
  deleted: false,
  ...over,
});
const at = '2026-12-07T09:05:00.000Z';
const types = (oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown>) =>
  liveEvents({ oldImage, newImage, committedAt: at }).map((e) => e.type);

describe('live entry events', () => {
  it('announces a post, a change, a removal; nothing for a draft link or a second removal', () => {
    expect(types(undefined, record())).toEqual(['LiveEntryPosted']);
    const pinned = record({ version: 2, changeId: '01KAX3W5B7D9F1H3K5M7P9R1T4', pinned: true });
    expect(types(record(), pinned)).toEqual(['LiveEntryUpdated']);
    expect(types(pinned, { ...pinned, draftId: '01KAX3X8C0E2G4J6L8N0Q2S4U6' })).toEqual([]);
    const hidden = record({ version: 3, changeId: '01KAX3W5B7D9F1H3K5M7P9R1T5', hidden: true });
    expect(types(pinned, hidden)).toEqual(['LiveEntryRemoved']);
    const deleted = { ...hidden, version: 4, changeId: '01KAX3W5B7D9F1H3K5M7P9R1T6', deleted: true };
    expect(types(hidden, deleted)).toEqual([]);
    const shown = record({ version: 4, changeId: '01KAX3W5B7D9F1H3K5M7P9R1T6' });
    expect(types(hidden, shown)).toEqual(['LiveEntryUpdated']);
    expect(types(undefined, { ...record(), type: 'livePublicEntry' })).toEqual([]);
  });

  it("announces nothing for an entry moved to its story's new slug, and its later edits as usual", () => {
    const moved = record({ slug: 'storm-live-day-two', movedFrom: 'storm-live' });
    expect(types(undefined, moved)).toEqual([]);
    const edited = { ...moved, version: 2, changeId: '01KAX3W5B7D9F1H3K5M7P9R1T4' };
    expect(types(moved, edited)).toEqual(['LiveEntryUpdated']);
  });
});
