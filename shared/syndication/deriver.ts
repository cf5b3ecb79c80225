import type { Change } from '../integrations/outbox.ts';
import { keys } from '../store/keys.ts';
import { parse } from '../store/model.ts';
import { isSlugRedirect } from '../store/slugRedirects.ts';
import type { SyndicationStore } from '../store/syndicationWrites.ts';
import { feedEntryOf } from './entries.ts';

type Item = Record<string, unknown>;

const isSnapshot = (item: Item | undefined) =>
  item?.sk === keys.liveSnapshot('').sk && String(item?.pk ?? '').startsWith('SLUG#');

/**
 * Keeps feeds and sitemaps in step with one committed change of the content table: a live
 * snapshot that appears, changes (an edit published, a correction) or goes (unpublished). Anything
 * else, and a snapshot change feeds do not show (a comment count), writes nothing.
 */
export async function syndicateChange(change: Change, store: Pick<SyndicationStore, 'apply'>): Promise<void> {
  // A slug's redirect is no snapshot; one replacing a snapshot is a move, which the new slug's
  // snapshot derives (the entries' keys hold no slug: a removal here could land after its put).
  if (isSlugRedirect(change.newImage) && isSnapshot(change.oldImage)) return;
  const oldImage = isSlugRedirect(change.oldImage) ? undefined : change.oldImage;
  const newImage = isSlugRedirect(change.newImage) ? undefined : change.newImage;
  if (!isSnapshot(oldImage) && !isSnapshot(newImage)) return;
  const before = isSnapshot(oldImage) && oldImage ? feedEntryOf(parse.snapshot(oldImage)) : null;
  const after = isSnapshot(newImage) && newImage ? feedEntryOf(parse.snapshot(newImage)) : null;
  if (before && after && JSON.stringify(before) === JSON.stringify(after)) return;
  await store.apply(before, after, change.committedAt);
}
