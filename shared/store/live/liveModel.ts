import type { Block } from '../../schemas/articleBody.ts';
import type { LiveState, LiveTrace } from '../../schemas/live.ts';

/** The items of live coverage as stored (layout in liveKeys.ts). */

/** The coverage record (liveKeys.coverage). */
export interface StoredCoverage {
  articleId: string;
  slug: string;
  state: LiveState;
  contributors: string[];
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  /** Slugs whose partitions may still hold entries to move to `slug` (entryMove.ts). */
  movedFrom?: string[];
}

/** The coverage's public face (liveKeys.publicCoverage). */
export interface PublicCoverageItem {
  state: LiveState;
  startedAt: string;
  endedAt: string | null;
}

/** An entry's record (liveKeys.record): everything the desk sees. */
export interface StoredEntry {
  articleId: string;
  slug: string;
  id: string;
  body: Block[];
  authors: string[];
  postedAt: string;
  updatedAt: string;
  edited: boolean;
  pinned: boolean;
  keyEvent: boolean;
  hidden: boolean;
  deleted: boolean;
  changeId: string;
  version: number;
  draftId: string | null;
  trace: LiveTrace[];
  /** Set on the record the slug move wrote (it announces nothing: the publication did). */
  movedFrom?: string;
}

export interface EntryPage<T> {
  items: T[];
  /** The id of the last item when more may follow. */
  last: string | null;
  /** The slug the entries moved to, when this one is an earlier slug of the story. */
  movedTo?: string;
}
