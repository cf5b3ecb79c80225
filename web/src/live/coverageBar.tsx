import { useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { formatDate, ProblemBanner } from '../ui.tsx';
import { type Coverage, liveApi } from './liveApi.ts';

const USER_ID = /^[\w.@+-]{1,128}$/;

/**
 * The coverage's state and, for editors, its controls: start it, name who besides editors may post
 * (console user ids, as the API names contributors), end it after a confirmation (ending is final).
 */
export function CoverageBar({
  articleId,
  coverage,
  editor,
  onChanged,
}: {
  articleId: string;
  coverage: Coverage | null;
  editor: boolean;
  onChanged: (coverage: Coverage) => void;
}) {
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const put = async (body: { state: 'live' | 'ended'; contributors?: string[] }) => {
    setBusy(true);
    const result = await liveApi.setCoverage(articleId, body);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setConfirming(false);
    onChanged(result.data);
  };

  if (!coverage) {
    return (
      <div class="coverage-bar">
        <p>This article is not live coverage.</p>
        {editor ? (
          <button type="button" class="primary" disabled={busy} onClick={() => void put({ state: 'live' })}>
            Start live coverage
          </button>
        ) : (
          <p class="hint">An editor starts the coverage.</p>
        )}
        <ProblemBanner problem={problem} />
      </div>
    );
  }

  const contributors = coverage.contributors;
  const add = (e: Event) => {
    e.preventDefault();
    const id = adding.trim();
    if (!USER_ID.test(id)) return setAddError('A console user id: letters, digits and . _ @ + -');
    setAddError('');
    if (!contributors.includes(id)) void put({ state: 'live', contributors: [...contributors, id] });
    setAdding('');
  };
  const live = coverage.state === 'live';
  return (
    <div class="coverage-bar">
      <p>
        <span class={`coverage-state ${coverage.state}`}>{live ? 'Live' : 'Ended'}</span> since{' '}
        {formatDate(coverage.startedAt)}
        {coverage.endedAt && `, ended ${formatDate(coverage.endedAt)}`}
      </p>
      <div class="contributors">
        <h2 id="contributors-h">Contributors</h2>
        {contributors.length === 0 ? (
          <p class="hint">Only editors post. Name the reporters who may post too.</p>
        ) : (
          <ul aria-labelledby="contributors-h">
            {contributors.map((c) => (
              <li key={c}>
                {c}
                {editor && live && (
                  <button
                    type="button"
                    class="link-button"
                    aria-label={`Remove ${c}`}
                    disabled={busy}
                    onClick={() =>
                      void put({ state: 'live', contributors: contributors.filter((x) => x !== c) })
                    }
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {editor && live && (
          <form class="add-contributor" onSubmit={add}>
            <label for="add-contributor">Add a contributor (console user id)</label>
            <div>
              <input
                id="add-contributor"
                value={adding}
                onInput={(e) => setAdding(e.currentTarget.value)}
                aria-invalid={addError ? 'true' : undefined}
                aria-describedby={addError ? 'add-contributor-error' : undefined}
              />{' '}
              <button type="submit" disabled={busy}>
                Add
              </button>
            </div>
            {addError && (
              <p class="error" id="add-contributor-error">
                {addError}
              </p>
            )}
          </form>
        )}
      </div>
      {editor && live && !confirming && (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          End coverage
        </button>
      )}
      {confirming && (
        <fieldset class="confirm">
          <legend class="visually-hidden">End coverage</legend>
          <p>End the coverage for good? It will take no more entries or changes.</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void put({ state: 'ended' })}>
            Yes, end it
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      )}
      <ProblemBanner problem={problem} />
    </div>
  );
}
