import type { Change } from '../integrations/outbox.ts';
import { authorKeys } from '../store/authorKeys.ts';
import { RELABEL_PREFIX } from '../store/relabelKeys.ts';
import { taxonomyKeys } from '../store/taxonomyKeys.ts';
import type { RelabelJob, Relabeller } from './relabel.ts';

type Item = Record<string, unknown>;

/** What an author's byline copy on a story shows (shared/services/authors/refs.ts articleAuthorOf). */
const BYLINE_FIELDS = ['name', 'title', 'photo'] as const;

/**
 * The relay's part in a rename (shared/taxonomy/relabel.ts), from the content table's stream:
 * - a renamed slug's 301 item appears, or is pointed elsewhere: its job starts;
 * - an author's byline fields change: their job starts (from and to are their slug);
 * - a running job's item is written (started, or a page done): the next page runs.
 * So each invocation does at most one page per job, and a failure is retried by the stream from
 * the record that failed: the job item still names the page to do.
 */
export async function relabelChange(
  { oldImage, newImage }: Pick<Change, 'oldImage' | 'newImage'>,
  relabeller: Pick<Relabeller, 'start' | 'advance'>,
): Promise<void> {
  if (!newImage || typeof newImage.sk !== 'string') return;
  const { pk, sk } = newImage;
  for (const kind of ['section', 'tag'] as const) {
    if (pk === taxonomyKeys.movedPartition(kind) && typeof newImage.to === 'string') {
      if (oldImage?.to !== newImage.to) await relabeller.start(kind, sk, newImage.to);
      return;
    }
  }
  if (pk === authorKeys.partition && sk.startsWith(authorKeys.prefix) && oldImage) {
    const slug = sk.slice(authorKeys.prefix.length);
    const shown = (item: Item) => JSON.stringify(BYLINE_FIELDS.map((f) => item[f] ?? null));
    if (shown(oldImage) !== shown(newImage)) await relabeller.start('author', slug, slug);
    return;
  }
  if (
    sk.startsWith(RELABEL_PREFIX) &&
    newImage.status === 'running' &&
    oldImage?.serial !== newImage.serial
  ) {
    await relabeller.advance(newImage as unknown as RelabelJob);
  }
}
