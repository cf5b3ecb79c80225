import { CROP_RATIOS, type CropRatio, FOCAL_STEPS, type FocalPoint } from '../../schemas/cropFacts.ts';

/** A rectangle of the original image, in its pixels (upright, EXIF orientation applied). */
export interface CropRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The largest rectangle of the ratio that fits in the image, centred on the focal point as far as
 * the edges allow (a point near an edge puts the rectangle against that edge rather than outside
 * it). Whole pixels, at least one by one, never beyond the image.
 */
export function cropRect(
  imageWidth: number,
  imageHeight: number,
  ratio: CropRatio,
  focal: FocalPoint,
): CropRect {
  const [rw, rh] = CROP_RATIOS[ratio];
  const target = rw / rh;
  const wider = imageWidth / imageHeight > target;
  const width = wider ? clamp(Math.round(imageHeight * target), 1, imageWidth) : imageWidth;
  const height = wider ? imageHeight : clamp(Math.round(imageWidth / target), 1, imageHeight);
  const left = clamp(Math.round(focal.x * imageWidth - width / 2), 0, imageWidth - width);
  const top = clamp(Math.round(focal.y * imageHeight - height / 2), 0, imageHeight - height);
  return { left, top, width, height };
}

/** A focal point rounded to the steps it is kept at. */
export const roundFocal = ({ x, y }: FocalPoint): FocalPoint => ({
  x: Math.round(x * FOCAL_STEPS) / FOCAL_STEPS,
  y: Math.round(y * FOCAL_STEPS) / FOCAL_STEPS,
});

/** The focal point in a storage key: `500-333`. Crops cut around another point get other keys. */
export const focalTag = (focal: FocalPoint) => {
  const { x, y } = roundFocal(focal);
  return `${Math.round(x * FOCAL_STEPS)}-${Math.round(y * FOCAL_STEPS)}`;
};

export const sameFocal = (a: FocalPoint | null, b: FocalPoint) => a !== null && focalTag(a) === focalTag(b);

/** A ratio's name in a key or a file name: `16x9`, `1.91x1`. */
export const ratioSlug = (ratio: CropRatio) => ratio.replace(':', 'x');
