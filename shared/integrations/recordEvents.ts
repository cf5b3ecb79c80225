import { authorKeys } from '../store/authorKeys.ts';
import { keys } from '../store/keys.ts';
import { RELABEL_PREFIX } from '../store/relabelKeys.ts';
import { taxonomyKeys } from '../store/taxonomyKeys.ts';

/**
 * The events of the records public pages show besides articles (shared/integrations/outbox.ts reads
 * them from the content table's stream like the others):
 *
 * - SectionChanged / TagChanged: a section or tag record appears, changes what it shows (name,
 *   description, search fields, parent, default access) or goes (deleted, or renamed away: the new
 *   slug's record appears in the same transaction). `version` is the record's; a removal names the
 *   version after the last one, so it never shares an identity with the record's last write.
 * - AuthorChanged: an author record's profile (name, title, bio, photo, links, guest) appears,
 *   changes or goes.
 * - SiteSettingsChanged: the site settings change (base URL, article path, publication name,
 *   language, feeds' full body...). `version` is the save's time in epoch milliseconds (the item
 *   has no counter; each save stamps a new updatedAt).
 * - ArticlesRelabelled: a rename (or an author's new name or photo) has reached every stored article
 *   that carried the old one (shared/taxonomy/relabel.ts): `version` is the job's serial. A job
 *   that changed no article announces nothing.
 *
 * A save that changes nothing a reader sees (the same values saved again: only version, updatedAt
 * and updatedBy move) announces nothing.
 */
export interface RecordEventDetail {
  /** The record's slug; `site` for the settings. */
  id: string;
  slug?: string;
  version: number;
  at: string;
  /** The record was deleted, or renamed away (its new slug's record is announced beside it). */
  removed?: true;
}

export interface RelabelEventDetail {
  /** `<kind>#<old slug>`: the job's identity. */
  id: string;
  kind: 'section' | 'tag' | 'author';
  from: string;
  to: string;
  /** No slug of its own (consumers reading every event's slug find none). */
  slug?: undefined;
  /** How many articles the job changed. */
  updated: number;
  version: number;
  at: string;
}

export const RECORD_EVENT_TYPES = [
  'SectionChanged',
  'TagChanged',
  'AuthorChanged',
  'SiteSettingsChanged',
] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

export type RecordEvent =
  | { type: RecordEventType; detail: RecordEventDetail }
  | { type: 'ArticlesRelabelled'; detail: RelabelEventDetail };

type Item = Record<string, unknown>;

/** Bookkeeping every save moves; anything else that differs is something a reader can see. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy']);

function shownDiffers(a: Item, b: Item): boolean {
  const shown = (item: Item) =>
    JSON.stringify(
      Object.keys(item)
        .filter((k) => !BOOKKEEPING.has(k))
        .sort()
        .map((k) => [k, item[k]]),
    );
  return shown(a) !== shown(b);
}

/** Which record family an item is, by its keys. */
function recordType(item: Item | undefined): RecordEventType | null {
  if (!item) return null;
  const { pk, sk } = item;
  if (typeof sk !== 'string') return null;
  if (pk === taxonomyKeys.partition('section')) return 'SectionChanged';
  if (pk === taxonomyKeys.partition('tag')) return 'TagChanged';
  if (pk === authorKeys.partition && sk.startsWith(authorKeys.prefix)) return 'AuthorChanged';
  if (pk === keys.siteSettings.pk && sk === keys.siteSettings.sk) return 'SiteSettingsChanged';
  return null;
}

const whole = (v: unknown) => (Number.isInteger(v) ? (v as number) : 0);

/** The events of one committed change of a record (none for any other item). */
export function recordEvents({
  oldImage,
  newImage,
  committedAt,
}: {
  oldImage?: Item | undefined;
  newImage?: Item | undefined;
  committedAt: string;
}): RecordEvent[] {
  const relabelled = relabelEvent(oldImage, newImage, committedAt);
  if (relabelled) return [relabelled];
  const type = recordType(newImage ?? oldImage);
  if (!type) return [];
  if (oldImage && newImage && !shownDiffers(oldImage, newImage)) return [];
  const item = (newImage ?? oldImage) as Item;
  const at = (newImage && typeof newImage.updatedAt === 'string' ? newImage.updatedAt : null) ?? committedAt;
  if (type === 'SiteSettingsChanged') {
    // A save stamps updatedAt: its time is the settings' version (a removal never happens).
    const stamped = Date.parse(at);
    return [
      {
        type,
        detail: { id: 'site', version: Number.isNaN(stamped) ? Date.parse(committedAt) : stamped, at },
      },
    ];
  }
  const slug = type === 'AuthorChanged' ? String(item.sk).slice(authorKeys.prefix.length) : String(item.sk);
  if (!newImage) {
    return [
      { type, detail: { id: slug, slug, version: whole(item.version) + 1, at: committedAt, removed: true } },
    ];
  }
  return [{ type, detail: { id: slug, slug, version: whole(item.version), at } }];
}

/** A relabel job (shared/store/relabelKeys.ts) that has just finished. */
function relabelEvent(
  oldImage: Item | undefined,
  newImage: Item | undefined,
  committedAt: string,
): RecordEvent | null {
  if (!newImage || typeof newImage.sk !== 'string' || !newImage.sk.startsWith(RELABEL_PREFIX)) return null;
  if (newImage.status !== 'done' || (oldImage?.status === 'done' && oldImage.serial === newImage.serial)) {
    return null;
  }
  // A job that found nothing to change (a section nobody wrote in yet) changed nothing public.
  if (whole(newImage.updated) === 0) return null;
  const { kind, from, to } = newImage;
  if (
    (kind !== 'section' && kind !== 'tag' && kind !== 'author') ||
    typeof from !== 'string' ||
    typeof to !== 'string'
  ) {
    return null;
  }
  return {
    type: 'ArticlesRelabelled',
    detail: {
      id: `${kind}#${from}`,
      kind,
      from,
      to,
      updated: whole(newImage.updated),
      version: whole(newImage.serial),
      at: typeof newImage.at === 'string' ? newImage.at : committedAt,
    },
  };
}
