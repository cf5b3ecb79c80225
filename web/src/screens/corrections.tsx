import { useRef, useState } from 'preact/hooks';
import { ARTICLE_LIMITS } from '../../../shared/schemas/facts.ts';
import { type Article, api, type Problem } from '../api.ts';
import { Field, fieldErrors, formatDate, Notice, ProblemBanner } from '../ui.tsx';

/**
 * The corrections of a live article, newest first, as readers see them on the public article; and
 * for editors, the form that appends one. A correction goes to the live version at once, without
 * publishing any edit waiting in the working copy.
 */
export function CorrectionsPanel({
  article,
  etag,
  canCorrect,
  onCorrected,
  onStale,
}: {
  article: Article;
  etag: string;
  canCorrect: boolean;
  onCorrected: (next: Article, etag: string | undefined) => void;
  /** Someone saved first (412): the latest version, adopted so the next try goes through. */
  onStale: () => Promise<Article | undefined>;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const newest = useRef<HTMLLIElement>(null);
  const corrections = article.corrections;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setNotice('');
    const result = await api.addCorrection(article.id, etag, text.trim());
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412) {
        const latest = await onStale();
        setProblem({
          status: 409,
          title: 'Someone else saved first',
          detail: latest?.live
            ? 'Someone else saved this article while you wrote. It is reloaded: publish the correction again.'
            : 'Someone else saved this article while you wrote, and it is no longer live: only a live article takes corrections. Your text is kept below.',
        });
      } else setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setText('');
    onCorrected(result.data, result.etag);
    setNotice('Correction published: readers see it on the article now.');
    // The new correction is at the top of the list: take the reader there.
    requestAnimationFrame(() => newest.current?.focus());
  };

  const errs = fieldErrors(problem, 'text');
  return (
    <section class="corrections" aria-labelledby="corr-title">
      <h2 id="corr-title">Corrections</h2>
      <Notice message={notice} />
      {corrections.length === 0 ? (
        <p class="hint">No corrections published on this article.</p>
      ) : (
        <ol class="correction-list" aria-label="Published corrections, newest first">
          {corrections.map((c, i) => (
            <li key={`${c.at}-${i}`} ref={i === 0 ? newest : undefined} tabIndex={i === 0 ? -1 : undefined}>
              <p class="correction-text">{c.text}</p>
              <p class="hint">
                <time dateTime={c.at}>{formatDate(c.at)}</time> by {c.by}
              </p>
            </li>
          ))}
        </ol>
      )}
      {problem && errs.length === 0 && <ProblemBanner problem={problem} />}
      {canCorrect && (
        <form class="inline-form" aria-label="Publish a correction" onSubmit={submit}>
          <Field
            id="corr-text"
            label="New correction"
            hint="What was wrong and what is right now, as readers will read it. It is published at once."
            errors={errs}
            count={{ length: text.trim().length, max: ARTICLE_LIMITS.correction }}
          >
            {(describedBy, invalid) => (
              <textarea
                id="corr-text"
                rows={3}
                required
                value={text}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy || !text.trim()}>
            Publish correction
          </button>
        </form>
      )}
    </section>
  );
}
