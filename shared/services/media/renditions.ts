import sharp, { type Metadata } from 'sharp';
import { MEDIA_TYPES, type MediaType, RENDITION_WIDTHS } from '../../schemas/facts.ts';

/**
 * Reading and rendering images with sharp (libvips). One module, used by the rendition function
 * in AWS and by the local server alike, so what is tested here is what runs there.
 */

/** What the bytes say they are: the format and the size as displayed (EXIF orientation applied). */
export type Inspection =
  | { ok: true; type: MediaType; width: number; height: number }
  | { ok: false; reason: string };

/** sharp's format names for the types the library takes (AVIF is HEIF with AV1 compression). */
function typeOf(meta: Metadata): MediaType | null {
  switch (meta.format) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'gif':
      return 'image/gif';
    case 'heif':
      return meta.compression === 'av1' ? 'image/avif' : null;
    default:
      return null;
  }
}

/** Larger than any newsroom photograph; a decompression bomb stops here. */
export const MAX_PIXELS = 100_000_000;

const count = (n: number) => n.toLocaleString('en-US');

export async function inspect(bytes: Buffer): Promise<Inspection> {
  let meta: Metadata;
  try {
    // The header only, so without the pixel limit: an image over it is told so below, with its
    // size, rather than as a file that cannot be read. Nothing is decoded here.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'The file is not an image that can be read.' };
  }
  const type = typeOf(meta);
  if (!type) {
    return {
      ok: false,
      reason: `The file is ${meta.format ?? 'of an unknown format'}, not one of ${MEDIA_TYPES.join(', ')}.`,
    };
  }
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) return { ok: false, reason: 'The image has no dimensions.' };
  if (width * height > MAX_PIXELS) {
    return {
      ok: false,
      reason: `The image is ${width}x${height} pixels (${count(width * height)}); the limit is ${count(MAX_PIXELS)} pixels.`,
    };
  }
  return { ok: true, type, width, height };
}

/**
 * The rendition widths for an image: the standard widths narrower than it, then its own width up
 * to the widest standard one. Never upscaled, and an image between two standard widths keeps its
 * full sharpness (a 1200-pixel social card is served at 1200, not cut down to 640).
 */
export function renditionWidths(originalWidth: number): number[] {
  const widest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1] ?? originalWidth;
  const top = Math.min(originalWidth, widest);
  return [...RENDITION_WIDTHS.filter((w) => w < top), top];
}

export interface RenderedImage {
  width: number;
  height: number;
  body: Buffer;
}

/** WebP at each width (never upscaled), upright, without metadata; the first frame of an animation. */
export async function render(bytes: Buffer, originalWidth: number): Promise<RenderedImage[]> {
  const out: RenderedImage[] = [];
  for (const width of renditionWidths(originalWidth)) {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .autoOrient()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    out.push({ width: info.width, height: info.height, body: data });
  }
  return out;
}
