import { LIVE_ITEM_TYPES } from '../store/live/liveKeys.ts';

/**
 * Live coverage's events, from its entry records on the content table's stream (the outbox,
 * shared/integrations/outbox.ts): an entry's record is written in the same transaction as its
 * public copies, so an event exists exactly when readers can see the change.
 *
 * - LiveEntryPosted: a record appears.
 * - LiveEntryUpdated: its changeId moves and it is visible (edited, pinned, marked, shown again).
 * - LiveEntryRemoved: it becomes hidden or deleted.
 * `version` is the entry's version; (type, id, version) identifies an event for deduplication.
 * Linking a draft changes no changeId and announces nothing.
 */
export interface LiveEntryEventDetail {
  id: string;
  articleId: string;
  slug: string;
  version: number;
  pinned: boolean;
  keyEvent: boolean;
  at: string;
}

export const LIVE_EVENT_TYPES = ['LiveEntryPosted', 'LiveEntryUpdated', 'LiveEntryRemoved'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];
export interface LiveEvent {
  type: LiveEventType;
  detail: LiveEntryEventDetail;
}

/** Entry records' sort keys start so (liveKeys.record): the relay's stream filter. */
export const LIVE_RECORD_PREFIX = 'ENTRY#';

type Item = Record<string, unknown>;

interface EntryFacts extends Omit<LiveEntryEventDetail, 'at'> {
  changeId: string;
  removed: boolean;
  updatedAt: string;
}

function entry(item: Item | undefined): EntryFacts | null {
  if (!item || item.type !== LIVE_ITEM_TYPES.record) return null;
  const { id, articleId, slug, version, changeId, updatedAt } = item;
  if (
    typeof id !== 'string' ||
    typeof articleId !== 'string' ||
    typeof slug !== 'string' ||
    typeof changeId !== 'string' ||
    typeof updatedAt !== 'string' ||
    !Number.isInteger(version)
  ) {
    return null;
  }
  return {
    id,
    articleId,
    slug,
    version: version as number,
    pinned: item.pinned === true,
    keyEvent: item.keyEvent === true,
    changeId,
    removed: item.hidden === true || item.deleted === true,
    updatedAt,
  };
}

/** The event of one change of an entry record, if it announces one. */
export function liveEvents(change: { oldImage?: Item; newImage?: Item; committedAt: string }): LiveEvent[] {
  const before = entry(change.oldImage);
  const after = entry(change.newImage);
  if (!after || (before && before.changeId === after.changeId)) return [];
  // Moved to the story's new slug (entryMove.ts): nothing changed for readers, and the
  // publication that moved it purges both addresses.
  if (!before && change.newImage?.movedFrom !== undefined) return [];
  const { changeId: _, removed, updatedAt, ...detail } = after;
  const at = before ? change.committedAt : updatedAt;
  if (!before) return [{ type: 'LiveEntryPosted', detail: { ...detail, at } }];
  if (removed) return before.removed ? [] : [{ type: 'LiveEntryRemoved', detail: { ...detail, at } }];
  return [{ type: 'LiveEntryUpdated', detail: { ...detail, at } }];
}
