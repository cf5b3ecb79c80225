/**
 * The named crops of a library image and the placements that show them. Kept apart from the zod
 * schemas (./crops.ts): the store, the presenters and the lean public bundles read these too.
 */

/** Each named crop's aspect ratio as width and height; 1.91:1 is the social card's (Open Graph). */
export const CROP_RATIOS = {
  '16:9': [16, 9],
  '1:1': [1, 1],
  '4:5': [4, 5],
  '1.91:1': [1.91, 1],
} as const satisfies Record<string, readonly [number, number]>;
export type CropRatio = keyof typeof CROP_RATIOS;
export const CROP_RATIO_NAMES = Object.keys(CROP_RATIOS) as CropRatio[];

/**
 * Where an article shows its lead image, and the crop each shows unless the article says
 * otherwise: the article page's top (`lead`), teasers in lists and fronts (`card`), and link
 * previews, feeds' social image and the preview page (`social`).
 */
export const PLACEMENT_CROPS = { lead: '16:9', card: '1:1', social: '1.91:1' } as const satisfies Record<
  string,
  CropRatio
>;
export type Placement = keyof typeof PLACEMENT_CROPS;
export const PLACEMENTS = Object.keys(PLACEMENT_CROPS) as Placement[];

/**
 * The crops schema.org's NewsArticle image lists, before the whole image: Google asks for several
 * aspect ratios (16x9, 4x3 and 1x1); the whole image is most often the 4:3 or 3:2 of a camera.
 */
export const JSON_LD_CROPS: readonly CropRatio[] = ['16:9', '1:1'];

/** A point of the image as fractions of its width and height, from the top left. */
export interface FocalPoint {
  x: number;
  y: number;
}
export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };
/** Focal points are kept to a thousandth: finer than any click, and a short, stable key. */
export const FOCAL_STEPS = 1000;
