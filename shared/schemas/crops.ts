import * as z from 'zod/mini';
import { CROP_RATIO_NAMES, PLACEMENTS } from './cropFacts.ts';

/**
 * Focal points and named crops of library images (the geometry: shared/services/media/cropGeometry.ts),
 * and an article's choice of crop per placement of its lead image. Constants: ./cropFacts.ts.
 */

const fraction = (axis: string, edge: string) =>
  z
    .number({ error: `must be a number from 0 (${edge}) to 1` })
    .check(
      z.gte(0, `must be at least 0 (the ${edge} edge); ${axis} is a fraction of the image`),
      z.lte(1, `must be at most 1 (the far edge from the ${edge}); ${axis} is a fraction of the image`),
    );

export const FocalPointSchema = z
  .strictObject({ x: fraction('x', 'left'), y: fraction('y', 'top') })
  .register(z.globalRegistry, {
    id: 'FocalPoint',
    description:
      'The point of an image its crops are cut around, as fractions of its width (x, from the left) and height (y, from the top); kept to a thousandth. The centre, { x: 0.5, y: 0.5 }, unless someone set it.',
  });

export const CropRatioSchema = z.enum(CROP_RATIO_NAMES, {
  error: `must be one of the named crops: ${CROP_RATIO_NAMES.join(', ')}`,
});

const rendition = z.object({
  width: z.number().check(z.int()),
  height: z.number().check(z.int()),
  key: z.string(),
  url: z.string(),
});

export const CropSchema = z
  .object({
    ratio: CropRatioSchema,
    /** The rectangle of the original it shows, in the original's pixels. */
    left: z.number().check(z.int()),
    top: z.number().check(z.int()),
    width: z.number().check(z.int()),
    height: z.number().check(z.int()),
    /** WebP at the rendition widths up to the rectangle's width (never upscaled), narrowest first. */
    renditions: z.array(rendition),
  })
  .register(z.globalRegistry, {
    id: 'Crop',
    description:
      'A named crop of an image: the rectangle of the original it shows (the largest of its ratio, centred on the focal point as far as the edges allow) and its WebP renditions.',
  });
export type Crop = z.infer<typeof CropSchema>;

/** A crop as readers get it: ready for an <img> or a <source>. */
export const PublicCropSchema = z
  .object({
    ratio: CropRatioSchema,
    /** The widest rendition. */
    src: z.string(),
    srcset: z.string(),
    width: z.number().check(z.int()),
    height: z.number().check(z.int()),
  })
  .register(z.globalRegistry, {
    id: 'PublicCrop',
    description:
      'A named crop of an image for readers: its ratio, src (the widest rendition), srcset, width and height.',
  });
export type PublicCrop = z.infer<typeof PublicCropSchema>;

/** Which crop each placement shows: the defaults (cropFacts.ts) unless the article chose another. */
export const PlacementCropsSchema = z
  .partialRecord(
    z.enum(PLACEMENTS, { error: `must be one of the placements: ${PLACEMENTS.join(', ')}` }),
    CropRatioSchema,
  )
  .register(z.globalRegistry, {
    id: 'PlacementCrops',
    description:
      'For a placement of the lead image (lead: the top of the article page; card: teasers in lists and fronts; social: link previews and feeds), the named crop to show there instead of its default (16:9, 1:1 and 1.91:1). A placement left out shows its default.',
  });
export type PlacementCrops = z.infer<typeof PlacementCropsSchema>;
