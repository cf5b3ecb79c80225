/**
 * The keys of fronts in the content table (see shared/store/keys.ts for the rest of it):
 *   FRONTS          <name>      a front's draft arrangement and publishing state (one Query lists
 *                               every front; the local scheduler's poll reads it)
 *   FRONT#<name>    REV#<n>     an arrangement as it was published, immutable
 *   FRONT#<name>    RESOLVED    the published front resolved to list entries: what the public
 *                               reads with one GetItem (its stream records are announced as
 *                               FrontUpdated, which purges the CDN)
 *   FRONTREF#<ref>  FRONTS      the fronts whose published arrangement pins a story
 *                               (`pin#<articleId>`) or fills slots by a rule (`section#<s>`,
 *                               `tag#<t>`, `author#<a>`), as a string set: the relay finds the
 *                               fronts a story's change touches with one BatchGetItem, no scan
 */
const pad = (n: number) => String(n).padStart(8, '0');

export const FRONTS_PARTITION = 'FRONTS';
export const FRONT_PREFIX = 'FRONT#';
const REF_PREFIX = 'FRONTREF#';
/** Not `LIVE`: scans for live snapshots (migrations) key on that sort key alone. */
const RESOLVED = 'RESOLVED';

export const frontKeys = {
  draft: (name: string) => ({ pk: FRONTS_PARTITION, sk: name }),
  partition: (name: string) => `${FRONT_PREFIX}${name}`,
  revision: (name: string, n: number) => ({ pk: `${FRONT_PREFIX}${name}`, sk: `REV#${pad(n)}` }),
  revisionPrefix: 'REV#',
  live: (name: string) => ({ pk: `${FRONT_PREFIX}${name}`, sk: RESOLVED }),
  ref: (ref: string) => ({ pk: `${REF_PREFIX}${ref}`, sk: 'FRONTS' }),
  /** What the relay may write (infra/access.ts): resolved fronts only, as IAM leading keys. */
  relayWritable: [`${FRONT_PREFIX}*`],
} as const;

export const FRONT_ITEM_TYPES = {
  draft: 'frontDraft',
  revision: 'frontRevision',
  live: 'frontLive',
  ref: 'frontRef',
} as const;
