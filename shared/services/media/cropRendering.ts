import sharp from 'sharp';
import { CROP_RATIO_NAMES, type FocalPoint } from '../../schemas/cropFacts.ts';
import type { Crop } from '../../schemas/crops.ts';
import { cropRect, focalTag, ratioSlug } from './cropGeometry.ts';
import { cropKey, urlOf } from './layout.ts';
import { MAX_PIXELS, renditionWidths } from './renditions.ts';
import type { MediaStorage } from './storage.ts';

export interface CropSource {
  id: string;
  /** The digest the original's files are kept under. */
  digest: string;
  bytes: Buffer;
  /** The original's size as displayed (upright). */
  width: number;
  height: number;
}

/**
 * Cuts every named crop around the focal point and writes each as WebP at the rendition widths up
 * to the crop's own width (never upscaled). The image is decoded once per crop; the keys name the
 * focal point, so cutting the same point again writes the same files (a retry is harmless) and a
 * moved point never replaces a file a cache or a live article holds.
 */
export async function cutCrops(
  source: CropSource,
  focal: FocalPoint,
  storage: MediaStorage,
): Promise<Crop[]> {
  const crops: Crop[] = [];
  for (const ratio of CROP_RATIO_NAMES) {
    const rect = cropRect(source.width, source.height, ratio, focal);
    const cut = sharp(source.bytes, { limitInputPixels: MAX_PIXELS }).autoOrient().extract(rect);
    const renditions: Crop['renditions'] = [];
    for (const width of renditionWidths(rect.width)) {
      const { data, info } = await cut
        .clone()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      const key = cropKey(source.id, source.digest, focalTag(focal), ratioSlug(ratio), info.width);
      await storage.write(key, data, 'image/webp');
      renditions.push({ width: info.width, height: info.height, key, url: urlOf(key) });
    }
    crops.push({ ratio, ...rect, renditions });
  }
  return crops;
}
