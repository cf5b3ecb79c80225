/**
 * The keys of live coverage in the content table (beside shared/store/keys.ts, which is at its size
 * limit; the same rules: built only here).
 *
 *   ARTICLE#<id>   COVERAGE        the coverage record: state, contributors, slug (sorts below REV#,
 *                                  out of the working copy's read)
 *   SLUG#<slug>    LIVECOVERAGE    what the public article says of it (state, start, end, the newest
 *                                  entries for jsonLd): sorts right after LIVE, so one Query reads
 *                                  the live snapshot and it together
 *   LIVE#<slug>    ENTRY#<id>      an entry's record: the desk's view, its version and trace
 *   LIVE#<slug>    E#<id>          a visible entry as readers see it (newest first: ids are ULIDs)
 *   LIVE#<slug>    P#<id>          the same, for a pinned one
 *   LIVE#<slug>    K#<id>          the same, for a key event
 *   LIVE#<slug>    C#<changeId>    an entry's latest change (new, edited, hidden or deleted): exactly
 *                                  one per entry, so `since` is a key condition and the log stays as
 *                                  long as the entries
 *
 *   LIVE#<slug>    E#~ P#~ K#~ C#~ where the entries went when the story's slug changed (entryMove.ts):
 *                                  each sorts after every id in its list, so the list's one Query
 *                                  meets it and the reader gets a 301
 *
 * Entries are keyed by slug, as comment threads are (THREAD#<slug>): a reader's poll is one Query
 * with no lookup of the article's id. When a published slug changes, they move with the story
 * (entryMove.ts, docs/live-coverage.md).
 */
export const liveKeys = {
  coverage: (articleId: string) => ({ pk: `ARTICLE#${articleId}`, sk: 'COVERAGE' }),
  publicCoverage: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'LIVECOVERAGE' }),
  partition: (slug: string) => `LIVE#${slug}`,
  record: (slug: string, id: string) => ({ pk: `LIVE#${slug}`, sk: `ENTRY#${id}` }),
  recordPrefix: 'ENTRY#',
  /** The public lists: every visible entry, the pinned ones, the key events. */
  list: (slug: string, list: LiveList, id: string) => ({
    pk: `LIVE#${slug}`,
    sk: `${LIST_PREFIX[list]}${id}`,
  }),
  listPrefix: (list: LiveList) => LIST_PREFIX[list],
  change: (slug: string, changeId: string) => ({ pk: `LIVE#${slug}`, sk: `C#${changeId}` }),
  changePrefix: 'C#',
  /** The marker of each list (and of the change log) at a slug the entries moved from. */
  moved: (slug: string, list: LiveList | 'change') => ({
    pk: `LIVE#${slug}`,
    sk: `${list === 'change' ? 'C#' : LIST_PREFIX[list]}${MOVED_SUFFIX}`,
  }),
} as const;

/** Sorts after every ULID (Crockford base32 is digits and capitals). */
const MOVED_SUFFIX = '~';
export const MOVED_MARKERS: readonly (LiveList | 'change')[] = ['all', 'pinned', 'key', 'change'];

export type LiveList = 'all' | 'pinned' | 'key';
const LIST_PREFIX: Record<LiveList, string> = { all: 'E#', pinned: 'P#', key: 'K#' };

/** The item type every live item carries (as `type`, like the other items of the table). */
export const LIVE_ITEM_TYPES = {
  coverage: 'liveCoverage',
  publicCoverage: 'livePublicCoverage',
  record: 'liveEntry',
  publicEntry: 'livePublicEntry',
  change: 'liveChange',
  moved: 'liveMoved',
} as const;
