import { PLACEMENT_CROPS, PLACEMENTS } from '../../schemas/cropFacts.ts';
import type { PlacementCrops, PublicCrop } from '../../schemas/crops.ts';
import type { Media, PublicImage } from '../../schemas/media.ts';

/**
 * The crops a published image carries (lead and social images): every named crop, each as src,
 * srcset, width and height, and which one each placement shows. Resolved at publish into the live
 * snapshot like the rest of the image, so the public read stays one GetItem. An image whose crops
 * were never cut (uploaded before crops, until the `cut-crops` migration reaches it) carries none;
 * one whose focal point moved since carries the crops cut before, until they are cut anew.
 */
export function publicCrops(media: Media): PublicCrop[] {
  return media.crops.map((crop) => {
    const renditions = [...crop.renditions].sort((a, b) => a.width - b.width);
    const widest = renditions.at(-1);
    return {
      ratio: crop.ratio,
      src: widest?.url ?? '',
      srcset: renditions.map((r) => `${r.url} ${r.width}w`).join(', '),
      width: widest?.width ?? crop.width,
      height: widest?.height ?? crop.height,
    };
  });
}

/** Every placement's crop: the article's choice where it made one, else the default. */
export const placementsOf = (chosen: PlacementCrops | undefined): Required<PlacementCrops> =>
  Object.fromEntries(
    PLACEMENTS.map((p) => [p, chosen?.[p] ?? PLACEMENT_CROPS[p]]),
  ) as Required<PlacementCrops>;

/** The image with its crops and placements, when it has crops. */
export function withCrops(image: PublicImage, media: Media, chosen?: PlacementCrops): PublicImage {
  if (media.crops.length === 0) return image;
  return { ...image, crops: publicCrops(media), placements: placementsOf(chosen) };
}

/** The crop a placement shows, if the image carries crops (for frontends and feeds alike). */
export function placementCrop(
  image: PublicImage,
  placement: keyof typeof PLACEMENT_CROPS,
): PublicCrop | null {
  const ratio = image.placements?.[placement] ?? PLACEMENT_CROPS[placement];
  return image.crops?.find((c) => c.ratio === ratio) ?? null;
}

/** The image as a placement shows it: its crop's src, srcset and size, when it carries crops. */
export function asPlaced<I extends PublicImage>(image: I, placement: keyof typeof PLACEMENT_CROPS): I {
  const crop = placementCrop(image, placement);
  if (!crop) return image;
  return { ...image, src: crop.src, srcset: crop.srcset, width: crop.width, height: crop.height };
}
