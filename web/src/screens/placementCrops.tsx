import {
  CROP_RATIO_NAMES,
  type CropRatio,
  PLACEMENT_CROPS,
  PLACEMENTS,
  type Placement,
} from '../../../shared/schemas/cropFacts.ts';
import { cropRect } from '../../../shared/services/media/cropGeometry.ts';
import type { LeadImageRef, Media } from '../api.ts';
import { useMediaRecord } from '../mediaRecord.ts';
import { safeSrcset, safeUrl } from '../safeUrl.ts';
import { Link } from '../ui.tsx';
import { thumbnailOf } from '../upload.ts';
import './placementCrops.css';

/**
 * The crop each placement of the lead image shows, for this article only: the API takes a named
 * crop per placement (`leadImage.crops`, docs/crops.md), cut around the image's focal point. The
 * rectangles themselves belong to the image: they move with its focal point, in the library.
 */

const WHERE: Record<Placement, { label: string; hint: string; previewWidth: number }> = {
  lead: { label: 'Top of the article', hint: 'the article page', previewWidth: 640 },
  card: { label: 'Teasers in lists and fronts', hint: 'a teaser', previewWidth: 160 },
  social: { label: 'Link previews and feeds', hint: 'a link preview', previewWidth: 500 },
};

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The rectangle readers get: the one cut on the server when there is one, else as it will be cut. */
function rectOf(media: Media, ratio: CropRatio): Rect {
  const done = media.crops.find((c) => c.ratio === ratio);
  if (done) return done;
  return cropRect(media.width ?? 1, media.height ?? 1, ratio, media.focalPoint);
}

const pct = (part: number, whole: number) => `${(part / whole) * 100}%`;

/** The crop's own files when they are cut (what readers get), else the CSS cut of a rendition. */
function CropResult({ media, ratio, width }: { media: Media; ratio: CropRatio; width: number }) {
  const r = rectOf(media, ratio);
  const done = media.crops.find((c) => c.ratio === ratio);
  const style = { maxWidth: `${width}px`, aspectRatio: `${r.width} / ${r.height}` };
  if (done && done.renditions.length > 0)
    return (
      <img
        class="crop-result"
        style={style}
        src={safeUrl(done.renditions.at(-1)?.url ?? '')}
        srcset={safeSrcset(done.renditions)}
        sizes={`(max-width: ${width + 40}px) calc(100vw - 3rem), ${width}px`}
        width={r.width}
        height={r.height}
        alt=""
        loading="lazy"
      />
    );
  const w = media.width ?? 1;
  return (
    <span class="crop-result crop-result-cut" style={style}>
      <img
        src={safeUrl(thumbnailOf(media, 640) ?? '')}
        alt=""
        style={{ width: pct(w, r.width), left: pct(-r.left, r.width), top: pct(-r.top, r.height) }}
      />
    </span>
  );
}

/** One placement: the whole image with the crop's frame, the named crops to choose from, the result. */
function PlacementCrop({
  media,
  placement,
  chosen,
  onChoose,
  errors,
}: {
  media: Media;
  placement: Placement;
  chosen: CropRatio | undefined;
  onChoose: (ratio: CropRatio | undefined) => void;
  errors: string[];
}) {
  const where = WHERE[placement];
  const fallback = PLACEMENT_CROPS[placement];
  const ratio = chosen ?? fallback;
  const r = rectOf(media, ratio);
  const w = media.width ?? 1;
  const h = media.height ?? 1;
  const id = `crop-${placement}`;
  const reset = () => {
    onChoose(undefined);
    document.getElementById(`${id}-${fallback}`)?.focus();
  };
  return (
    <fieldset class={`placement-crop${errors.length ? ' field-invalid' : ''}`} aria-describedby={`${id}-now`}>
      <legend>
        {where.label} <span class="hint">({placement})</span>
      </legend>
      <div class="placement-body">
        <div class="crop-frame-view">
          <img src={safeUrl(thumbnailOf(media, 640) ?? '')} alt="" width={w} height={h} />
          <span
            class="crop-frame"
            style={{
              left: pct(r.left, w),
              top: pct(r.top, h),
              width: pct(r.width, w),
              height: pct(r.height, h),
            }}
          />
        </div>
        <div class="placement-choices">
          <div class="crop-choices-row">
            {CROP_RATIO_NAMES.map((name) => (
              <label key={name} class="crop-choice">
                <input
                  type="radio"
                  id={`${id}-${name}`}
                  name={id}
                  value={name}
                  checked={ratio === name}
                  onChange={() => onChoose(name === fallback ? undefined : name)}
                />{' '}
                {name}
                {name === fallback && <span class="hint"> (default)</span>}
              </label>
            ))}
          </div>
          <button type="button" disabled={chosen === undefined} onClick={reset}>
            Reset to the default crop ({fallback})
          </button>
        </div>
      </div>
      <p id={`${id}-now`} class="crop-readout" aria-live="polite">
        {chosen === undefined ? 'The default' : 'For this article'}: {ratio}, {r.width} × {r.height} px of the
        image from {r.left} px across and {r.top} px down.
      </p>
      {errors.length > 0 && (
        <p class="error" role="alert">
          {errors.join('; ')}
        </p>
      )}
      <figure class="crop-result-figure">
        <CropResult media={media} ratio={ratio} width={where.previewWidth} />
        <figcaption class="hint">
          As in {where.hint}, {where.previewWidth} px wide.
        </figcaption>
      </figure>
    </fieldset>
  );
}

/** The lead image's crops per placement for this article; untouched, the saved choice goes back as it came. */
export function PlacementCrops({
  lead,
  onChange,
  errorsAt,
}: {
  lead: LeadImageRef;
  onChange: (lead: LeadImageRef) => void;
  /** The API's errors under a path (its 422), shown beside the placement they name. */
  errorsAt: (path: string) => string[];
}) {
  const media = useMediaRecord(lead.mediaId);
  if (media?.status !== 'ready') return null;

  const choose = (placement: Placement, ratio: CropRatio | undefined) => {
    const { [placement]: _dropped, ...rest } = lead.crops ?? {};
    const crops = ratio ? { ...rest, [placement]: ratio } : rest;
    const { crops: _old, ...ref } = lead;
    onChange(Object.keys(crops).length > 0 ? { ...ref, crops } : ref);
  };
  const general = errorsAt('leadImage.crops');
  return (
    <section class="placement-crops" aria-labelledby="placement-crops-title">
      <h3 id="placement-crops-title">Crops of the lead image in this article</h3>
      <p class="hint">
        Each place shows a named crop of the image, cut around its focal point. Choose another for this
        article only; to move the crops themselves, move the image's focal point in{' '}
        <Link href={`/library/${media.id}`}>the library</Link>.
      </p>
      {media.crops.length === 0 && (
        <p class="hint">
          This image has no crops yet: readers get the whole image until its focal point is set.
        </p>
      )}
      {general.length > 0 && (
        <p class="error" role="alert">
          {general.join('; ')}
        </p>
      )}
      {PLACEMENTS.map((placement) => (
        <PlacementCrop
          key={placement}
          media={media}
          placement={placement}
          chosen={lead.crops?.[placement]}
          onChoose={(ratio) => choose(placement, ratio)}
          errors={errorsAt(`leadImage.crops.${placement}`)}
        />
      ))}
    </section>
  );
}
