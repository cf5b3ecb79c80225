import './taxonomy.css';
import { useState } from 'preact/hooks';
import type { Problem, Result } from '../api.ts';
import { problemMessage } from '../ui.tsx';

/** What a new slug does, said where it is typed (the slug field's hint). */
export const renameNote = (kind: 'section' | 'tag', slug: string) =>
  `Changing it renames the ${kind}: the old address /v1/${kind}s/${slug} keeps answering with a 301 redirect to the new one, so links stay good. Stories carrying the old slug take the new one when next saved.`;

/**
 * Delete, with a confirming second press, and the API's refusal (a section that still has sections
 * below it, a change made meanwhile) shown beside the button.
 */
export function DeleteAction({
  what,
  remove,
  done,
}: {
  what: string;
  remove: () => Promise<Result<unknown>>;
  done: () => void;
}) {
  const [armed, setArmed] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!armed) return setArmed(true);
    setBusy(true);
    const result = await remove();
    setBusy(false);
    setArmed(false);
    if (!result.ok) return setProblem(result.problem);
    done();
  };
  return (
    <div class="delete-action">
      <button
        type="button"
        class="danger"
        disabled={busy}
        aria-describedby={problem ? 'delete-refused' : undefined}
        onClick={run}
      >
        {armed ? `Yes, delete ${what}` : `Delete ${what}`}
      </button>
      {armed && (
        <button type="button" onClick={() => setArmed(false)}>
          Keep it
        </button>
      )}
      {problem && (
        <p class="error" id="delete-refused" role="alert">
          {problemMessage(problem)}
        </p>
      )}
    </div>
  );
}
