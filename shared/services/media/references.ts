import { ConflictError, type FieldError, ValidationError } from '../../errors.ts';
import type { ArticleContent, PublicSeo } from '../../schemas/article.ts';
import type { Block, PublicBlock } from '../../schemas/articleBody.ts';
import { MEDIA_LIMITS } from '../../schemas/facts.ts';
import type { Media, MediaRef, PublicImage } from '../../schemas/media.ts';
import type { MediaStore } from '../../store/mediaStore.ts';
import { withCrops } from './publicCrops.ts';

/**
 * How articles use the media library: where in an article's content an image is referred to by
 * id (image blocks, the lead image, the social image), the check that each is a ready image
 * (on save and on publish), and the resolution that publishing writes into the live snapshot, so
 * the public read stays one GetItem.
 */
type Content = Pick<ArticleContent, 'body' | 'leadImage' | 'seo'>;

/** Every place the content refers to the library, with the field path a 422 names. */
export function mediaRefsOf(content: Content): { path: string; mediaId: string }[] {
  const refs: { path: string; mediaId: string }[] = [];
  content.body.forEach((block, i) => {
    if (block.type === 'image' && block.mediaId)
      refs.push({ path: `body.${i}.mediaId`, mediaId: block.mediaId });
  });
  if (content.leadImage) refs.push({ path: 'leadImage.mediaId', mediaId: content.leadImage.mediaId });
  if (content.seo.socialImage)
    refs.push({ path: 'seo.socialImage.mediaId', mediaId: content.seo.socialImage.mediaId });
  return refs;
}

export const mediaIdsOf = (content: Content): string[] => [
  ...new Set(mediaRefsOf(content).map((r) => r.mediaId)),
];

/**
 * The images the content refers to that `before` did not, each with the first field that refers
 * to it: what an article write records as used (and checks, in its transaction, still usable).
 */
export function newMediaUses(content: Content, before: Content | null): { mediaId: string; path: string }[] {
  const had = new Set(before ? mediaIdsOf(before) : []);
  const uses = new Map<string, string>();
  for (const { mediaId, path } of mediaRefsOf(content)) {
    if (!had.has(mediaId) && !uses.has(mediaId)) uses.set(mediaId, path);
  }
  return [...uses].map(([mediaId, path]) => ({ mediaId, path }));
}

/**
 * The images the content refers to, read in one BatchGetItem (none when it refers to none). An
 * unknown id, or an image whose upload is not ready (still pending, or failed), is a 422 naming
 * the field.
 */
export async function readyMediaOf(
  media: MediaStore,
  content: Content,
  consistent = false,
): Promise<Map<string, Media>> {
  const refs = mediaRefsOf(content);
  if (refs.length === 0) return new Map();
  const ids = [...new Set(refs.map((r) => r.mediaId))];
  if (ids.length > MEDIA_LIMITS.perArticle) {
    throw new ValidationError(`An article may use at most ${MEDIA_LIMITS.perArticle} different images.`, [
      { path: 'body', message: `uses ${ids.length} images; the limit is ${MEDIA_LIMITS.perArticle}` },
    ]);
  }
  const found = await media.getMany(ids, consistent);
  const errors: FieldError[] = [];
  for (const { path, mediaId } of refs) {
    const image = found.get(mediaId);
    if (!image) errors.push({ path, message: `no image ${mediaId} in the media library` });
    else if (image.status !== 'ready') {
      errors.push({
        path,
        message:
          image.status === 'pending'
            ? `image ${mediaId} is not ready yet: its upload has not been processed`
            : `image ${mediaId} failed: ${image.failure ?? 'its upload is not a usable image'}`,
      });
    }
  }
  if (errors.length > 0)
    throw new ValidationError('The article refers to images that cannot be used.', errors);
  return found;
}

/**
 * Four eyes over an image's words. Alt text, caption and credit are the library's, shared by every
 * article that uses the image, and whoever uploaded it (or an editor) may change them at any time;
 * but what readers get must have been reviewed. So an approval pins the image records it saw, by
 * version (approvalPin, on the working copy), and publishing shows each image with the words of
 * that version (asApproved): a later edit of the image reaches a live or approved article only when
 * the article is approved again (edited and reviewed). Pixels are not pinned: a ready image's files
 * never change. The words an edit replaces are kept under their version (MediaStore.save), so
 * publishing costs one more read only when a pinned image was changed since the approval.
 *
 * Pinning, rather than refusing an edit of an image that an approved article uses, keeps the
 * library editable (a caption fixed for tomorrow's story does not wait for today's), and rather
 * than refusing the publish, never strands an approved or scheduled article: there is no way back
 * from approved to review. An article approved before pins existed publishes the current words.
 */
export async function approvalPin(
  media: MediaStore,
  content: Content,
): Promise<Record<string, number> | undefined> {
  // Strongly consistent: the pin is the record as it is when the approval is given.
  const images = await readyMediaOf(media, content, true);
  // None for content without library images (and no empty map on the item: streams choke on it).
  if (images.size === 0) return undefined;
  return Object.fromEntries([...images.values()].map((image) => [image.id, image.version]));
}

/** The images with the words their approval saw (see approvalPin); `pin` undefined: as they are. */
export async function asApproved(
  media: MediaStore,
  images: ReadonlyMap<string, Media>,
  pin: Readonly<Record<string, number>> | undefined,
): Promise<Map<string, Media>> {
  if (!pin) return new Map(images);
  const changed = new Map<string, number>();
  for (const image of images.values()) {
    const version = pin[image.id];
    if (version === undefined) {
      // Content cannot change between approval and publication; should it, it was not reviewed.
      throw new ConflictError(`Image ${image.id} was not in the version that was approved.`);
    }
    if (version !== image.version) changed.set(image.id, version);
  }
  const then = await media.wordsAt(changed);
  return new Map(
    [...images].map(([id, image]) => {
      if (!changed.has(id)) return [id, image];
      const words = then.get(id);
      if (!words) throw new Error(`The words of image ${id} at version ${changed.get(id)} are missing`);
      return [id, { ...image, ...words }];
    }),
  );
}

/** An image for readers: the widest rendition as src, every rendition in srcset. */
export function publicImage(ref: MediaRef, media: Media): PublicImage {
  const renditions = [...media.renditions].sort((a, b) => a.width - b.width);
  const widest = renditions.at(-1);
  return {
    mediaId: media.id,
    src: widest?.url ?? media.original ?? '',
    srcset: renditions.map((r) => `${r.url} ${r.width}w`).join(', '),
    width: widest?.width ?? media.width ?? 0,
    height: widest?.height ?? media.height ?? 0,
    // An empty alt in an article means "the library's".
    alt: ref.alt || media.alt,
    caption: ref.caption ?? media.caption,
    credit: media.credit,
  };
}

/** The content's images resolved for the live snapshot (the media map from readyMediaOf). */
export function resolveMedia(
  content: Content,
  media: ReadonlyMap<string, Media>,
): { body: PublicBlock[]; leadImage: PublicImage | null; seo: PublicSeo } {
  const found = (ref: MediaRef): Media => {
    const record = media.get(ref.mediaId);
    if (!record) throw new Error(`Image ${ref.mediaId} was not read before resolving`);
    return record;
  };
  const image = (ref: MediaRef): PublicImage => publicImage(ref, found(ref));
  const lead = content.leadImage;
  const body = content.body.map((block: Block): PublicBlock => {
    if (block.type !== 'image') return block;
    if (block.mediaId) return { type: 'image', ...image({ ...block, mediaId: block.mediaId }) };
    return {
      type: 'image',
      src: block.src,
      alt: block.alt,
      ...(block.caption === undefined ? {} : { caption: block.caption }),
    };
  });
  const { socialImage, ...seo } = content.seo;
  return {
    body,
    // The lead and social images carry their crops (docs/crops.md); images in the body do not.
    leadImage: lead ? withCrops(image(lead), found(lead), lead.crops) : null,
    seo: socialImage ? { ...seo, socialImage: withCrops(image(socialImage), found(socialImage)) } : seo,
  };
}

/**
 * The working copy's image blocks from the library carry their image's widest rendition as src,
 * so an editor's preview shows it without resolving anything (the live snapshot is resolved anew
 * at publish).
 */
export function withLibrarySources<C extends Content>(content: C, media: ReadonlyMap<string, Media>): C {
  if (media.size === 0) return content;
  return {
    ...content,
    body: content.body.map((block) => {
      if (block.type !== 'image' || !block.mediaId) return block;
      const found = media.get(block.mediaId);
      return found ? { ...block, src: publicImage(block as MediaRef, found).src } : block;
    }),
  };
}
