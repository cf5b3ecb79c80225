import { CROP_RATIO_NAMES, type FocalPoint } from '../../shared/schemas/cropFacts.ts';
import type { Media } from '../../shared/schemas/media.ts';
import { cropRect, focalTag, ratioSlug } from '../../shared/services/media/cropGeometry.ts';
import { cropKey, digestOfOriginal, keyOfUrl, urlOf } from '../../shared/services/media/layout.ts';
import { renditionWidths } from '../../shared/services/media/renditions.ts';

/** A ready record's crops as the rendition function cuts them (geometry only), around `focal`. */
export function withCrops(
  media: Omit<Media, 'focalPoint' | 'crops' | 'cropsFor'>,
  focal: FocalPoint = { x: 0.62, y: 0.4 },
): Media {
  const { id, width, height, original } = media;
  if (!width || !height || !original) return { ...media, focalPoint: focal, crops: [], cropsFor: null };
  const digest = digestOfOriginal(keyOfUrl(original));
  const crops = CROP_RATIO_NAMES.map((ratio) => {
    const rect = cropRect(width, height, ratio, focal);
    const renditions = renditionWidths(rect.width).map((w) => {
      const key = cropKey(id, digest, focalTag(focal), ratioSlug(ratio), w);
      return { width: w, height: Math.round((w * rect.height) / rect.width), key, url: urlOf(key) };
    });
    return { ratio, ...rect, renditions };
  });
  return { ...media, focalPoint: focal, crops, cropsFor: focal };
}
