/**
 * The keys of relabel jobs in the content table (beside shared/store/keys.ts, which lists the
 * other item families):
 *   RELABEL  RELABEL#<kind>#<old slug>  one job: carry a section's or tag's new slug, or an
 *                                       author's new profile, into the stored articles
 * Each step of a job rewrites its item (a new cursor and serial), and the stream brings that write
 * back to the relay, which runs the next step: one bounded page per invocation, resumable after a
 * crash from the cursor the item holds (shared/taxonomy/relabel.ts).
 */
export type RelabelKind = 'section' | 'tag' | 'author';

const PARTITION = 'RELABEL';
export const RELABEL_PREFIX = 'RELABEL#';

export const relabelKeys = {
  partition: PARTITION,
  job: (kind: RelabelKind, from: string) => ({ pk: PARTITION, sk: `${RELABEL_PREFIX}${kind}#${from}` }),
  /** The item family's `type` attribute. */
  type: 'relabelJob',
} as const;

/** What the relabel job writes, as IAM leading-key patterns: heads, live snapshots, its own items. */
export const RELABEL_WRITABLE = ['ARTICLE#*', 'SLUG#*', PARTITION] as const;
