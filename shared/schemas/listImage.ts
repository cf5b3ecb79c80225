import type { ListImage, PublicImage } from './media.ts';

/**
 * An article's resolved lead image cut to what a public list carries. Kept apart from the zod
 * schemas: the store imports it, and the lean bundles (public reads, previews, the scheduler)
 * must not pull zod in with it.
 */
export const listImageOf = (image: PublicImage | null): ListImage | null =>
  image
    ? { src: image.src, srcset: image.srcset, width: image.width, height: image.height, alt: image.alt }
    : null;
