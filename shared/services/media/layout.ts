/**
 * Where media objects live, in the bucket and on disk alike. Keys start with `media/` so that the
 * CloudFront behaviour `/media/*` maps a URL path straight onto a key, locally as in AWS.
 *   media/incoming/<id>                          the upload, as sent (its key fixed by the upload
 *                                                policy); never served, removed once processed
 *   media/originals/<id>/<digest>                the original, copied from an upload the record
 *                                                was still waiting for
 *   media/renditions/<id>/<digest>/<width>.webp  its WebP renditions
 *   media/renditions/<id>/<digest>/crops/<focal>/<ratio>/<width>.webp
 *                                                its named crops, cut around the focal point the
 *                                                key names (docs/crops.md): a moved point gets new
 *                                                keys, so no cached crop is ever replaced
 *   media/incoming/<id>.crops                    a request to cut the crops again (its body is
 *                                                empty): the rendition function reads the record
 * A presigned form stays valid for its whole quarter of an hour and may be posted again: so what
 * it posts lands where nothing is served, and only the processing of a pending record puts files
 * where they are. The digest (of the original's bytes) keeps two uploads processed at once apart:
 * only the one whose record is completed keeps its files. Ids are never reused and the digest
 * names the bytes, so every served key is immutable and may be cached for a year.
 */
export const INCOMING_PREFIX = 'media/incoming/';
export const ORIGINALS_PREFIX = 'media/originals/';
export const RENDITIONS_PREFIX = 'media/renditions/';

export const uploadKey = (id: string) => `${INCOMING_PREFIX}${id}`;
export const originalKey = (id: string, digest: string) => `${ORIGINALS_PREFIX}${id}/${digest}`;
export const renditionKey = (id: string, digest: string, width: number) =>
  `${RENDITIONS_PREFIX}${id}/${digest}/${width}.webp`;

export const cropKey = (id: string, digest: string, focal: string, ratio: string, width: number) =>
  `${RENDITIONS_PREFIX}${id}/${digest}/crops/${focal}/${ratio}/${width}.webp`;
export const cropRequestKey = (id: string) => `${INCOMING_PREFIX}${id}.crops`;
/** The media id a crop request's key names, or null for any other key. */
export function idOfCropRequest(key: string): string | null {
  const match = /^media\/incoming\/([0-9A-HJKMNP-TV-Z]{26})\.crops$/.exec(key);
  return match?.[1] ?? null;
}
/** The digest an original's key names (renditions and crops are kept under it). */
export const digestOfOriginal = (key: string) => key.split('/').at(-1) ?? '';

/** The media id an upload's key names, or null for any other key. */
export function idOfUpload(key: string): string | null {
  if (!key.startsWith(INCOMING_PREFIX)) return null;
  const id = key.slice(INCOMING_PREFIX.length);
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? id : null;
}

/** The path an object is served at on the CMS's origin (CloudFront in AWS, the local server). */
export const urlOf = (key: string) => `/${key}`;
/** The key behind a served path (urlOf's inverse). */
export const keyOfUrl = (url: string) => url.replace(/^\//, '');

/** Immutable keys: a year, and never revalidated. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';
