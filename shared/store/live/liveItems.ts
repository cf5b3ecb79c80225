import type { PublicLiveEntry } from '../../schemas/live.ts';
import type { TransactItem } from '../query.ts';
import { LIVE_ITEM_TYPES, type LiveList, liveKeys } from './liveKeys.ts';
import type { StoredEntry } from './liveModel.ts';

/** The entry as readers see it: a hidden or deleted one keeps only its identity. */
export function publicEntry(entry: StoredEntry): PublicLiveEntry {
  const removed = entry.hidden || entry.deleted;
  return {
    id: entry.id,
    url: `/v1/articles/${entry.slug}/entries/${entry.id}`,
    body: removed ? [] : entry.body,
    authors: removed ? [] : entry.authors,
    postedAt: entry.postedAt,
    updatedAt: entry.updatedAt,
    edited: entry.edited,
    pinned: !removed && entry.pinned,
    keyEvent: !removed && entry.keyEvent,
    removed,
    changeId: entry.changeId,
  };
}

/** The public lists an entry belongs in now. */
export function listsOf(entry: StoredEntry): LiveList[] {
  if (entry.hidden || entry.deleted) return [];
  return [
    'all',
    ...(entry.pinned ? (['pinned'] as const) : []),
    ...(entry.keyEvent ? (['key'] as const) : []),
  ];
}

/**
 * The public copies of an entry's new state: its lists (put, or deleted where it left one) and
 * its change (the previous one deleted, so each entry has one).
 */
export function publicWrites(
  TableName: string,
  after: StoredEntry,
  before: StoredEntry | null,
): TransactItem[] {
  const shown = publicEntry(after);
  const now = listsOf(after);
  const was = before ? listsOf(before) : [];
  const writes: TransactItem[] = now.map((list) => ({
    Put: {
      TableName,
      Item: { ...liveKeys.list(after.slug, list, after.id), type: LIVE_ITEM_TYPES.publicEntry, ...shown },
    },
  }));
  for (const list of was.filter((l) => !now.includes(l))) {
    writes.push({ Delete: { TableName, Key: liveKeys.list(after.slug, list, after.id) } });
  }
  if (before && before.changeId !== after.changeId) {
    writes.push({ Delete: { TableName, Key: liveKeys.change(before.slug, before.changeId) } });
  }
  writes.push({
    Put: {
      TableName,
      Item: { ...liveKeys.change(after.slug, after.changeId), type: LIVE_ITEM_TYPES.change, ...shown },
    },
  });
  return writes;
}
