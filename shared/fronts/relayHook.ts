import type { Change } from '../integrations/outbox.ts';
import { canonical } from '../services/fronts/resolution.ts';
import { keys } from '../store/keys.ts';
import { FIELDS } from '../store/model.ts';
import { pick } from '../store/parse.ts';
import { authorsOf } from '../syndication/authors.ts';
import { pinKey } from './resolve.ts';

type Item = Record<string, unknown>;

/** What the relay keeps fronts with (shared/wiring/fronts.ts frontRefreshFromEnv). */
export interface FrontsFeed {
  frontsFor(refs: readonly string[]): Promise<string[]>;
  refresh(name: string): Promise<unknown>;
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
