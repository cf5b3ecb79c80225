import type { PageArticle } from '../../render/articlePage.ts';
import type { PublicBlock } from '../../schemas/articleBody.ts';
import type { Media, MediaRef, PublicImage } from '../../schemas/media.ts';
import type { StoredArticle } from '../../store/articleStore.ts';
import { withCrops } from '../media/publicCrops.ts';
import { mediaIdsOf, publicImage } from '../media/references.ts';

/**
 * The working copy as the article page renders it: the public article's shape, its library images
 * resolved the way publishing resolves them (src, srcset, width, height, credit), from one
 * BatchGetItem. A preview shows what is there: an image deleted or not ready since the last save
 * is shown by the src the working copy kept (no srcset), and a lead image that went is left out,
 * where publishing would refuse with a 422.
 */
export function previewPageOf(article: StoredArticle, media: ReadonlyMap<string, Media>): PageArticle {
  const usable = (ref: MediaRef): PublicImage | null => {
    const found = media.get(ref.mediaId);
    return found && found.status === 'ready' ? publicImage(ref, found) : null;
  };
  const lead = article.leadImage;
  const leadFound = lead ? media.get(lead.mediaId) : undefined;
  const leadImage = lead ? usable(lead) : null;
  const body = article.body.map((block): PublicBlock => {
    if (block.type !== 'image') return block;
    const resolved = block.mediaId ? usable({ ...block, mediaId: block.mediaId }) : null;
    if (resolved) return { type: 'image', ...resolved };
    return {
      type: 'image',
      src: block.src,
      alt: block.alt,
      ...(block.caption === undefined ? {} : { caption: block.caption }),
    };
  });
  return {
    title: article.title,
    standfirst: article.standfirst,
    byline: article.byline,
    section: article.section,
    tags: article.tags,
    source: article.source,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    // With the crop the article chose for its lead placement, as publishing will resolve it.
    leadImage: leadImage && leadFound ? withCrops(leadImage, leadFound, lead?.crops) : null,
    body,
    // Who made each correction is for editors, never on a page.
    corrections: article.corrections.map(({ text, at }) => ({ text, at })),
    seo: { metaTitle: article.seo.metaTitle, noindex: true },
    access: article.access,
  };
}

/** The ids previewPageOf needs read. */
export const previewMediaIds = (article: StoredArticle): string[] => mediaIdsOf(article);
