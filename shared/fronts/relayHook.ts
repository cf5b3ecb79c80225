import type { Change } from '../integrations/outbox.ts';
import { canonical } from '../services/fronts/resolution.ts';
import { keys } from '../store/keys.ts';
import { LIVE_ITEM_TYPES } from '../store/live/liveKeys.ts';
import { FIELDS } from '../store/model.ts';
import { pick } from '../store/parse.ts';
import { authorsOf } from '../syndication/authors.ts';
import { pinKey } from './resolve.ts';

type Item = Record<string, unknown>;

/** What the relay keeps fronts with (shared/wiring/fronts.ts frontRefreshFromEnv). */
export interface FrontsFeed {
  frontsFor(refs: readonly string[]): Promise<string[]>;
  refresh(name: string): Promise<unknown>;
  /** The story's live snapshot (keys.liveSnapshot), strongly consistent: a coverage record lacks its section and tags. */
  snapshot(slug: string): Promise<Item | undefined>;
}

const isSnapshot = (item: Item | undefined): item is Item =>
  item?.sk === keys.liveSnapshot('').sk && String(item?.pk ?? '').startsWith('SLUG#');

/** The index rows a live story is found under: its pin, its section, tags and authors. */
function refsOfStory(item: Item): string[] {
  const tags = Array.isArray(item.tags) ? item.tags.map(String) : [];
  const byline = typeof item.byline === 'string' ? item.byline : '';
  return [
    pinKey(String(item.id)),
    `section#${String(item.section)}`,
    ...tags.map((t) => `tag#${t}`),
    ...authorsOf(byline).map((a) => `author#${a.key}`),
  ];
}

/**
 * Keeps published fronts in step with one committed change of the content table: a live story
 * that appears, changes what its list entry shows, or goes. The fronts that pin it or whose rules
 * could place it (before or after the change) are found with one BatchGetItem on the index rows
 * and resolved again; a change no list entry shows (a comment count) touches none.
 */
export async function refreshFrontsFor(change: Change, feed: FrontsFeed): Promise<void> {
  if (isCoverage(change.oldImage) || isCoverage(change.newImage)) return refreshForCoverage(change, feed);
  const before = isSnapshot(change.oldImage) ? change.oldImage : undefined;
  const after = isSnapshot(change.newImage) ? change.newImage : undefined;
  if (!before && !after) return;
  if (before && after) {
    const shown = (item: Item) => canonical([pick(item as never, FIELDS.summary), item.byline]);
    if (shown(before) === shown(after)) return;
  }
  const refs = new Set([...(before ? refsOfStory(before) : []), ...(after ? refsOfStory(after) : [])]);
  for (const name of await feed.frontsFor([...refs])) await feed.refresh(name);
}

const isCoverage = (item: Item | undefined): item is Item => item?.type === LIVE_ITEM_TYPES.coverage;
const stateOf = (item: Item | undefined) => (isCoverage(item) && item.state === 'live' ? 'live' : 'not');

/**
 * A coverage that starts or ends changes its story's live badge: the fronts that pin the story or
 * whose rules could place it are resolved again, found as for a change of the story itself (its
 * section, tags and byline read once from its live snapshot; unpublished, no front shows it).
 */
async function refreshForCoverage(change: Change, feed: FrontsFeed): Promise<void> {
  if (stateOf(change.oldImage) === stateOf(change.newImage)) return;
  const coverage = (change.newImage ?? change.oldImage) as Item;
  const story = await feed.snapshot(String(coverage.slug));
  if (!story || story.id !== coverage.articleId) return;
  for (const name of await feed.frontsFor(refsOfStory(story))) await feed.refresh(name);
}
