/**
 * Where media objects live, in the bucket and on disk alike. Keys start with `media/` so that the
 * CloudFront behaviour `/media/*` maps a URL path straight onto a key, locally as in AWS.
 *   media/originals/<id>              the upload, as sent (its key fixed by the upload policy)
 *   media/renditions/<id>/<width>.webp  the WebP renditions
 * Ids are never reused, so every key is immutable and may be cached for a year.
 */
export const ORIGINALS_PREFIX = 'media/originals/';
export const RENDITIONS_PREFIX = 'media/renditions/';

export const originalKey = (id: string) => `${ORIGINALS_PREFIX}${id}`;
export const renditionKey = (id: string, width: number) => `${RENDITIONS_PREFIX}${id}/${width}.webp`;

/** The media id an uploaded object's key names, or null for any other key. */
export function idOfOriginal(key: string): string | null {
  if (!key.startsWith(ORIGINALS_PREFIX)) return null;
  const id = key.slice(ORIGINALS_PREFIX.length);
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? id : null;
}

/** The path an object is served at on the CMS's origin (CloudFront in AWS, the local server). */
export const urlOf = (key: string) => `/${key}`;

/** Immutable keys: a year, and never revalidated. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';
