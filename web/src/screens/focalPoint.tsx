import { useEffect, useState } from 'preact/hooks';
import { CROP_RATIO_NAMES, type CropRatio, type FocalPoint } from '../../../shared/schemas/cropFacts.ts';
import { cropRect } from '../../../shared/services/media/cropGeometry.ts';
import { api, type Media, type Problem } from '../api.ts';
import { safeUrl } from '../safeUrl.ts';
import { ProblemBanner } from '../ui.tsx';
import './focalPoint.css';

const STEP = 0.02;
const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
const percent = (v: number) => `${Math.round(v * 100)}%`;
const cut = (m: Media) => !!m.cropsFor && m.cropsFor.x === m.focalPoint.x && m.cropsFor.y === m.focalPoint.y;

/** The image as shown for picking: a rendition about as wide as the picker, not the largest. */
const pickSource = (m: Media) =>
  (m.renditions.find((r) => r.width >= 640) ?? m.renditions.at(-1))?.url ?? m.original ?? '';

/** One crop, drawn from the picker's image by CSS as the rendition function will cut it. */
function CropPreview({ media, ratio, focal }: { media: Media; ratio: CropRatio; focal: FocalPoint }) {
  const w = media.width ?? 1;
  const h = media.height ?? 1;
  const r = cropRect(w, h, ratio, focal);
  return (
    <figure class="crop-preview">
      <div class="crop-box" style={{ aspectRatio: `${r.width} / ${r.height}` }}>
        <img
          src={safeUrl(pickSource(media))}
          alt=""
          style={{
            width: `${(w / r.width) * 100}%`,
            left: `${(-r.left / r.width) * 100}%`,
            top: `${(-r.top / r.height) * 100}%`,
          }}
        />
      </div>
      <figcaption>{ratio}</figcaption>
    </figure>
  );
}

/**
 * The focal point of a ready image: click the image (or focus it and use the arrow keys) to move
 * it, see the four crops follow, then save. The crops are cut again on the server afterwards.
 * onSaved takes the record after the save and after the crops arrive: it must leave the words
 * being typed in the details form as they are.
 */
export function FocalPointEditor({
  media,
  etag,
  onSaved,
}: {
  media: Media;
  etag: string | undefined;
  onSaved: (m: Media, etag: string | undefined) => void;
}) {
  const [focal, setFocal] = useState<FocalPoint>(media.focalPoint);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setFocal(media.focalPoint), [media.focalPoint.x, media.focalPoint.y]);
  // While the crops of a moved point are being cut, look again now and then.
  useEffect(() => {
    if (cut(media)) return;
    const timer = setTimeout(async () => {
      const latest = await api.getMedia(media.id);
      if (latest.ok) onSaved(latest.data, latest.etag);
    }, 1000);
    return () => clearTimeout(timer);
  }, [media]);

  const changed = focal.x !== media.focalPoint.x || focal.y !== media.focalPoint.y;
  const pick = (event: MouseEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    setFocal({
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    });
  };
  const nudge = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-STEP, 0],
      ArrowRight: [STEP, 0],
      ArrowUp: [0, -STEP],
      ArrowDown: [0, STEP],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setFocal({ x: clamp(focal.x + move[0]), y: clamp(focal.y + move[1]) });
  };
  const save = async () => {
    if (!etag) return;
    setBusy(true);
    const result = await api.updateMedia(media.id, etag, { focalPoint: focal });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    onSaved(result.data, result.etag);
  };

  return (
    <section class="focal" aria-labelledby="fp-title">
      <h2 id="fp-title">Focal point and crops</h2>
      <p class="hint" id="fp-hint">
        Click the part of the picture that must stay in every crop, or focus the picture and move the point
        with the arrow keys.
      </p>
      <button
        type="button"
        class="focal-picker"
        aria-describedby="fp-hint"
        aria-label={`Focal point: ${percent(focal.x)} across, ${percent(focal.y)} down`}
        onClick={pick}
        onKeyDown={nudge}
      >
        <img
          src={safeUrl(pickSource(media))}
          alt=""
          width={media.width ?? undefined}
          height={media.height ?? undefined}
        />
        <span class="focal-mark" style={{ left: percent(focal.x), top: percent(focal.y) }} />
      </button>
      <div class="crop-previews">
        {CROP_RATIO_NAMES.map((ratio) => (
          <CropPreview key={ratio} media={media} ratio={ratio} focal={focal} />
        ))}
      </div>
      <ProblemBanner problem={problem} />
      <p class="form-actions">
        <button type="button" class="primary" disabled={busy || !changed} onClick={() => void save()}>
          Save focal point
        </button>
        <span role="status">{cut(media) ? '' : 'Cutting the crops around the new point…'}</span>
      </p>
    </section>
  );
}
