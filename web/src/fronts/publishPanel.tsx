import { useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { formatDate, ProblemBanner, timeZone } from '../ui.tsx';
import { isoFromLocal } from './arrangement.ts';
import { type Front, frontsApi } from './frontsApi.ts';

/** Whether the draft differs from what was last published (a save after the publish). */
export const changedSincePublish = (front: Front) =>
  !front.publishedAt || Date.parse(front.updatedAt) > Date.parse(front.publishedAt);

/** Publish the saved draft now, or schedule it (saving the draft again cancels the schedule). */
export function PublishPanel({
  name,
  front,
  etag,
  dirty,
  onDone,
}: {
  name: string;
  front: Front;
  etag: string;
  dirty: boolean;
  onDone: (front: Front, etag: string | undefined, message: string) => void;
}) {
  const [at, setAt] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const go = async (publishAt?: string) => {
    setBusy(true);
    const result = await frontsApi.publish(name, etag, publishAt);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    onDone(
      result.data,
      result.etag,
      publishAt
        ? `Publish scheduled for ${formatDate(result.data.scheduledFor)}.`
        : `Published: revision ${result.data.publishedRevision} is public.`,
    );
  };
  const errors = (problem?.errors ?? []).map((e) => e.message);
  return (
    <section class="front-publish" aria-labelledby="fp-title">
      <h2 id="fp-title">Publish</h2>
      <ul class="front-state">
        <li>
          {front.publishedRevision
            ? `Public: revision ${front.publishedRevision}, published ${formatDate(front.publishedAt)}.`
            : 'Never published: nothing is public yet.'}
        </li>
        {front.publishedRevision !== null && changedSincePublish(front) && (
          <li>The draft has changed since it was published.</li>
        )}
        {front.scheduledFor && <li>Scheduled to publish {formatDate(front.scheduledFor)}.</li>}
      </ul>
      {dirty && <p class="hint">Save the draft first: publishing takes the saved draft.</p>}
      <ProblemBanner problem={problem} />
      {errors.length > 0 && <p class="error">{errors.join('; ')}</p>}
      <div class="form-actions">
        <button type="button" class="primary" disabled={dirty || busy} onClick={() => void go()}>
          Publish now
        </button>
      </div>
      <div class="field">
        <label for="fp-at">Publish at</label>
        <p class="hint" id="fp-at-hint">
          Your time zone, {timeZone()}.
        </p>
        <input
          id="fp-at"
          type="datetime-local"
          value={at}
          aria-describedby="fp-at-hint"
          onInput={(e) => setAt(e.currentTarget.value)}
        />
      </div>
      <button
        type="button"
        disabled={dirty || busy || !isoFromLocal(at)}
        onClick={() => void go(isoFromLocal(at))}
      >
        Schedule publish
      </button>
    </section>
  );
}
