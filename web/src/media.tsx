/** Library images as the console shows them: thumbnails, sizes, statuses, and the library a page at a time. */
import { api, type Media } from './api.ts';
import { safeUrl } from './safeUrl.ts';
import { Marked, useTypedSearch } from './search.tsx';
import { usePages } from './ui.tsx';
import { rememberMedia, thumbnailOf } from './upload.ts';
import './media.css';

/** A small picture of a library image, from its renditions; alt describes it unless it sits in a labelled control. */
export function Thumbnail({
  media,
  alt,
  size = 'small',
}: {
  media: Media;
  alt?: string;
  size?: 'small' | 'large';
}) {
  const src = thumbnailOf(media, size === 'large' ? 640 : 320);
  if (!safeUrl(src))
    return (
      <span class={`thumb thumb-${size} thumb-none`}>
        {media.status === 'pending' ? 'Processing' : 'No picture'}
      </span>
    );
  return (
    <img
      class={`thumb thumb-${size}`}
      src={safeUrl(src)}
      alt={alt ?? media.alt}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      loading="lazy"
    />
  );
}

export const MEDIA_STATUS_LABELS: Record<Media['status'], string> = {
  pending: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

export function dimensions(media: Media): string {
  return media.width && media.height ? `${media.width} × ${media.height}` : '';
}

/**
 * The library, newest first, a page at a time (the library screen and the picker), and its search
 * box: as words are typed, the images whose words hold them, with those words marked.
 */
export function useMediaPages(pageSize = 24) {
  const pages = usePages(async (cursor) => {
    const result = await api.listMedia({ q: search.words, cursor, limit: pageSize });
    // Kept: a thumbnail of an article's image then needs no read of its own (upload.ts).
    if (result.ok) for (const m of result.data.items) rememberMedia(m);
    return result;
  });
  const search = useTypedSearch(() => pages.load());
  return { ...pages, search };
}

/** Under an image in search results: its other words where the search found some, marked. */
export function MediaFound({ media }: { media: Media }) {
  const found = (['caption', 'credit', 'fileName'] as const).filter((f) => media.highlights?.[f]);
  if (found.length === 0) return null;
  return (
    <span class="found">
      {found.map((f) => (
        <span key={f} class="hint found-field">
          {' '}
          <Marked pieces={media.highlights?.[f]} text={media[f] ?? ''} />
        </span>
      ))}
    </span>
  );
}
