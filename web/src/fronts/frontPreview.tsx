import { useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { safeUrl } from '../safeUrl.ts';
import { formatDate, ProblemBanner, STATUS_LABELS } from '../ui.tsx';
import type { Front, FrontEntry, PublicFront } from './frontsApi.ts';
import { frontsApi } from './frontsApi.ts';
import type { StoryRef } from './pinSearch.tsx';

const ACCESS_LABELS: Record<FrontEntry['access'], string> = {
  free: 'Free',
  registered: 'Registered readers',
  subscribers: 'Subscribers',
};

/**
 * The saved draft's pins that the resolved front does not show as pins, and why: expired, or the
 * story is not live (a rule may still show the same story elsewhere, unpinned).
 */
function missingPins(saved: Front, pinnedShown: ReadonlySet<string>, stories: ReadonlyMap<string, StoryRef>) {
  const now = Date.now();
  return saved.zones.flatMap((zone) =>
    zone.slots.flatMap((slot, s) => {
      const pin = slot.pin;
      if (!pin || pinnedShown.has(pin.articleId)) return [];
      const story = stories.get(pin.articleId);
      const why =
        pin.until && Date.parse(pin.until) <= now
          ? `pin expired ${formatDate(pin.until)}`
          : story && story.status !== 'published'
            ? `not live (${STATUS_LABELS[story.status]})`
            : 'not live';
      const title = story?.title ?? pin.articleId;
      return [{ key: `${zone.name}-${s}`, place: `${zone.name}, slot ${s + 1}`, title, why }];
    }),
  );
}

/** The saved draft resolved now (the preview route: nothing written), zone by zone. */
export function FrontPreview({
  name,
  saved,
  stories,
  dirty,
}: {
  name: string;
  saved: Front;
  stories: ReadonlyMap<string, StoryRef>;
  dirty: boolean;
}) {
  const [preview, setPreview] = useState<PublicFront>();
  const [problem, setProblem] = useState<Problem>();
  const load = async () => {
    const r = await frontsApi.preview(name);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    setPreview(r.data);
  };
  const shown = new Set(
    preview?.zones.flatMap((z) => z.entries.filter((e) => e.pinned).map((e) => e.id)) ?? [],
  );
  const missing = preview ? missingPins(saved, shown, stories) : [];
  return (
    <section class="front-preview" aria-labelledby="fpv-title">
      <h2 id="fpv-title">Preview</h2>
      <p class="hint">
        The saved draft as readers would see it if it were published now.
        {dirty ? ' Your unsaved changes are not in it: save first.' : ''}
      </p>
      <button type="button" onClick={() => void load()}>
        {preview ? 'Refresh the preview' : 'Preview the saved draft'}
      </button>
      <ProblemBanner problem={problem} />
      {preview && (
        <div aria-live="polite">
          <p class="hint">Resolved {formatDate(preview.resolvedAt)}.</p>
          {preview.zones.map((zone) => (
            <section key={zone.name} class="preview-zone" aria-label={`Preview of zone ${zone.name}`}>
              <h3>{zone.name}</h3>
              {zone.entries.length === 0 ? (
                <p class="hint">Nothing to show: no pin applies and the rules found no story.</p>
              ) : (
                <ol class="preview-entries">
                  {zone.entries.map((entry) => (
                    <PreviewEntry key={entry.id} entry={entry} />
                  ))}
                </ol>
              )}
            </section>
          ))}
          {missing.length > 0 && (
            <section class="preview-missing" aria-labelledby="fpv-missing">
              <h3 id="fpv-missing">Pins not shown</h3>
              <ul>
                {missing.map((m) => (
                  <li key={m.key}>
                    {m.place}: “{m.title}”, {m.why}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewEntry({ entry }: { entry: FrontEntry }) {
  const image = entry.leadImage;
  // The live badge: set by resolution while the story's coverage is live (docs/fronts.md).
  const live = entry.live === true;
  return (
    <li class="preview-entry">
      {image && safeUrl(image.src) ? (
        <img
          src={safeUrl(image.src)}
          width={image.width}
          height={image.height}
          alt={image.alt}
          loading="lazy"
        />
      ) : (
        <span class="preview-noimage" aria-hidden="true" />
      )}
      <div>
        <p class="preview-title">{entry.title}</p>
        <p class="preview-meta">
          <span class={`badge ${entry.pinned ? 'badge-pinned' : 'badge-rule'}`}>
            {entry.pinned ? 'Pinned' : 'From a rule'}
          </span>{' '}
          {live && <span class="badge badge-live">Live</span>} <span>{entry.section}</span>
          {entry.access !== 'free' && <span> · {ACCESS_LABELS[entry.access]}</span>}
        </p>
      </div>
    </li>
  );
}
