import { useState } from 'preact/hooks';
import { type Article, api, type Problem } from '../api.ts';
import { fieldErrors, formatDate, Notice, ProblemBanner, timeZone } from '../ui.tsx';

/** Whether comments are taken at `now`, from the article's two fields (as the API works it out). */
function isOpen(enabled: boolean, closeAt: string | null, now = Date.now()) {
  return enabled && (closeAt === null || Date.parse(closeAt) > now);
}

/**
 * An article's reader comments, once it has been published: open or closed, when they close by
 * themselves, and for editors and moderators the control that closes them now or reopens them
 * (until a time, or until closed by hand), with a reason for the article's history.
 */
export function ThreadPanel({ article, canChange }: { article: Article; canChange: boolean }) {
  const [closeAt, setCloseAt] = useState(article.commentsCloseAt);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const open = isOpen(article.commentsEnabled, closeAt);

  const change = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setNotice('');
    const action = open ? 'close' : 'reopen';
    const result = await api.setThreadState(article.id, {
      action,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(action === 'reopen' && until ? { closeAt: new Date(until).toISOString() } : {}),
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setCloseAt(result.data.commentsCloseAt);
    setReason('');
    setUntil('');
    setNotice(
      action === 'close'
        ? 'Comments closed: readers can no longer post; the thread stays readable.'
        : 'Comments reopened: readers can post again.',
    );
  };

  const errs = (field: string) => fieldErrors(problem, field);
  return (
    <section class="thread" aria-labelledby="thread-title">
      <h2 id="thread-title">Reader comments</h2>
      <Notice message={notice} />
      <p class="thread-state">
        {!article.commentsEnabled ? (
          <>
            <span class="badge">Off</span> Comments are turned off for this article.
          </>
        ) : open ? (
          <>
            <span class="badge badge-open">Open</span>{' '}
            {closeAt ? (
              <>
                They close automatically on <time dateTime={closeAt}>{formatDate(closeAt)}</time>.
              </>
            ) : (
              'They stay open until closed by hand.'
            )}
          </>
        ) : (
          <>
            <span class="badge badge-closed">Closed</span> Closed since{' '}
            <time dateTime={closeAt ?? ''}>{formatDate(closeAt ?? '')}</time>; the thread stays readable.
          </>
        )}
      </p>
      {problem && errs('closeAt').length === 0 && errs('reason').length === 0 && (
        <ProblemBanner problem={problem} />
      )}
      {canChange && article.commentsEnabled && (
        <form class="inline-form" aria-label={open ? 'Close comments' : 'Reopen comments'} onSubmit={change}>
          <div class={`field${errs('reason').length ? ' field-invalid' : ''}`}>
            <label for="thread-reason">Reason (optional, kept in the history)</label>
            <input
              id="thread-reason"
              value={reason}
              maxLength={1000}
              aria-invalid={errs('reason').length > 0 || undefined}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            {errs('reason').length > 0 && <p class="error">{errs('reason').join('; ')}</p>}
          </div>
          {!open && (
            <div class={`field${errs('closeAt').length ? ' field-invalid' : ''}`}>
              <label for="thread-until">Close again automatically at ({timeZone()}, optional)</label>
              <input
                id="thread-until"
                type="datetime-local"
                value={until}
                aria-invalid={errs('closeAt').length > 0 || undefined}
                aria-describedby={errs('closeAt').length ? 'thread-until-error' : undefined}
                onInput={(e) => setUntil(e.currentTarget.value)}
              />
              {errs('closeAt').length > 0 && (
                <p class="error" id="thread-until-error">
                  {errs('closeAt').join('; ')}
                </p>
              )}
            </div>
          )}
          <button type="submit" class={open ? 'danger' : 'primary'} disabled={busy}>
            {open ? 'Close comments' : 'Reopen comments'}
          </button>
        </form>
      )}
    </section>
  );
}
