import { useEffect, useState } from 'preact/hooks';
import type { Media } from './api.ts';
import { mediaById } from './upload.ts';

/**
 * The library record of `mediaId`, loaded (once per id, upload.ts caches it) whenever the id
 * changes: undefined without an id, until the first record arrives, or for an image the library
 * no longer has. The previous record stays shown while the next loads; an answer for an id since
 * replaced is dropped, so a slow load never overwrites a newer one.
 */
export function useMediaRecord(mediaId: string | undefined): Media | undefined {
  const [media, setMedia] = useState<Media>();
  useEffect(() => {
    if (!mediaId) return setMedia(undefined);
    let live = true;
    void mediaById(mediaId).then((m) => live && setMedia(m));
    return () => {
      live = false;
    };
  }, [mediaId]);
  return media;
}
