import { MEDIA_LIMITS, MEDIA_STATUSES, MEDIA_TYPES } from '../schemas/facts.ts';
import type { Media, MediaWords, Rendition } from '../schemas/media.ts';
import { CROP_FIELDS } from './mediaCrops.ts';
import {
  list,
  nullableOneOf,
  nullableText,
  oneOf,
  type Read,
  reader,
  type Shape,
  text,
  whole,
} from './parse.ts';

/**
 * A media record as the content table keeps it and as it reads back (the store's queries and
 * writes are in ./mediaStore.ts): its fields, its words, and a pending record that reads as failed.
 */
const nullableWhole: Read<number | null> = (v) => (v === undefined || v === null ? null : whole(v));
const MEDIA: Shape<Omit<Media, 'highlights'>> = {
  id: text,
  status: oneOf(MEDIA_STATUSES),
  type: nullableOneOf(MEDIA_TYPES),
  width: nullableWhole,
  height: nullableWhole,
  bytes: nullableWhole,
  alt: text,
  caption: nullableText,
  credit: nullableText,
  licence: nullableText,
  fileName: nullableText,
  uploadedBy: text,
  createdAt: text,
  updatedAt: text,
  version: whole,
  original: nullableText,
  renditions: list<Rendition>(),
  failure: nullableText,
  ...CROP_FIELDS,
};
const readMedia = reader(MEDIA, 'media record');
/** An image's words, and nothing else of it. (Here, not beside the schemas: a value from there brings zod.) */
export const wordsOf = ({ alt, caption, credit }: MediaWords): MediaWords => ({ alt, caption, credit });
export const readWords = reader<MediaWords>(
  { alt: text, caption: nullableText, credit: nullableText },
  'media words',
);
/** The record's format is stored as `mediaType`: `type` names the item family on this table. */
export const parseMedia = (item: Record<string, unknown>) =>
  readMedia({ ...item, type: item.mediaType ?? null });

/**
 * A record still pending MEDIA_LIMITS.pendingSeconds after it was registered reads as failed, with
 * the reason: its upload never came, or its processing failed for good (dead-lettered). This is
 * decided when it is read, not by a sweep, and it is exact: completing a record (complete below)
 * is conditioned on its being younger than the limit less a margin larger than any clock skew
 * between two machines, so once a record reads as failed, no late processing can make it ready.
 * A later write of the record (a description's edit, a deletion) stores it as read.
 */
export const PENDING_FAILURE = `The upload was not received and processed within ${MEDIA_LIMITS.pendingSeconds / 60} minutes of registering it. Upload the image again.`;
export const COMPLETE_MARGIN_MS = 5 * 60 * 1000;
const pendingUntil = (createdAt: string) => Date.parse(createdAt) + MEDIA_LIMITS.pendingSeconds * 1000;

export function asOf(media: Media, now: Date): Media {
  if (media.status !== 'pending' || now.getTime() < pendingUntil(media.createdAt)) return media;
  return { ...media, status: 'failed', failure: PENDING_FAILURE };
}
export const storedFields = (media: Partial<Media>) => {
  const { type, ...rest } = media;
  return type === undefined ? rest : { ...rest, mediaType: type };
};
export const MEDIA_FIELDS = Object.keys(MEDIA) as (keyof Media)[];
