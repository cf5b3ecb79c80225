import { useEffect, useState } from 'preact/hooks';
import { type Article, api, type PreviewLink, type Problem, type WorkflowAction } from '../api.ts';
import { formatDate, problemMessage, timeZone } from '../ui.tsx';
import { PreviewButton } from './previewButton.tsx';

export const ACTION_LABELS: Record<string, string> = {
  submit: 'Submit for review',
  withdraw: 'Withdraw from review',
  request_changes: 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  restore: 'Restore to draft',
};
/** What each action's success says. */
export const DONE: Record<string, string> = {
  submit: 'Submitted for review.',
  withdraw: 'Withdrawn: back to draft.',
  request_changes: 'Changes requested; the author will see your note.',
  approve: 'Approved.',
  publish: 'Published: it is live now.',
  schedule: 'Scheduled.',
  unschedule: 'Unscheduled: back to approved.',
  unpublish: 'Unpublished: archived and off the public site.',
  restore: 'Restored to draft.',
};

/** The workflow actions the API offers on this article, and its preview links. */
export function WorkflowPanel({
  article,
  actions,
  busy,
  dirty,
  runAction,
}: {
  article: Article;
  actions: WorkflowAction[];
  busy: boolean;
  dirty: boolean;
  runAction: (action: WorkflowAction, extra?: { note?: string; publishAt?: string }) => Promise<boolean>;
}) {
  const [asking, setAsking] = useState<'request_changes' | 'schedule'>();
  const [note, setNote] = useState('');
  const [when, setWhen] = useState('');
  const [preview, setPreview] = useState<{ url: string; expiresAt: string; copied: boolean }>();
  const [previewProblem, setPreviewProblem] = useState<Problem>();
  /** Bumped when a link is made, so the list of open links reloads. */
  const [linksShown, setLinksShown] = useState(0);
  const workflow = actions;

  return (
    <section class="workflow" aria-labelledby="wf-title">
      <h2 id="wf-title">Workflow</h2>
      {workflow.length === 0 ? (
        <p class="hint">No workflow actions are available to you for this article now.</p>
      ) : (
        <div class="actions">
          {workflow.map((action) => (
            <button
              key={action}
              type="button"
              class={action === 'publish' || action === 'approve' ? 'primary' : undefined}
              disabled={busy}
              aria-expanded={
                action === 'request_changes' || action === 'schedule' ? asking === action : undefined
              }
              onClick={() => {
                if (action === 'request_changes' || action === 'schedule')
                  setAsking(asking === action ? undefined : action);
                else void runAction(action);
              }}
            >
              {ACTION_LABELS[action] ?? action.replace(/_/g, ' ')}
            </button>
          ))}
        </div>
      )}
      {dirty && workflow.length > 0 && (
        <p class="hint">Save your changes first: actions apply to the saved version.</p>
      )}
      {asking === 'request_changes' && (
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await runAction('request_changes', { note: note.trim() })) {
              setAsking(undefined);
              setNote('');
            }
          }}
        >
          <div class="field">
            <label for="rc-note">Note for the author</label>
            <textarea
              id="rc-note"
              rows={3}
              required
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy || !note.trim()}>
            Send request for changes
          </button>
        </form>
      )}
      {asking === 'schedule' && (
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!when) return;
            if (await runAction('schedule', { publishAt: new Date(when).toISOString() }))
              setAsking(undefined);
          }}
        >
          <div class="field">
            <label for="sc-when">Publish at ({timeZone()})</label>
            <input
              id="sc-when"
              type="datetime-local"
              required
              value={when}
              onInput={(e) => setWhen(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy || !when}>
            Schedule publication
          </button>
        </form>
      )}
      <div class="preview">
        <PreviewButton articleId={article.id} dirty={dirty} />
        <button
          type="button"
          onClick={async () => {
            const result = await api.createPreview(article.id);
            if (!result.ok) return setPreviewProblem(result.problem);
            setPreviewProblem(undefined);
            const url = new URL(result.data.url, window.location.origin).toString();
            let copied = false;
            try {
              await navigator.clipboard.writeText(url);
              copied = true;
            } catch {
              copied = false;
            }
            setPreview({ url, expiresAt: result.data.expiresAt, copied });
            setLinksShown((n) => n + 1);
          }}
        >
          Create preview link
        </button>
        {previewProblem && <p class="error">{problemMessage(previewProblem)}</p>}
        {preview && (
          <div class="field" role="status">
            <label for="preview-url">
              {preview.copied ? 'Preview link (copied to the clipboard)' : 'Preview link (copy it)'}, valid
              until {formatDate(preview.expiresAt)}
            </label>
            <input id="preview-url" readOnly value={preview.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
        <PreviewLinks articleId={article.id} refresh={linksShown} />
      </div>
    </section>
  );
}

/** The preview links that still open the working copy, each with Revoke (unpublishing revokes all). */
function PreviewLinks({ articleId, refresh }: { articleId: string; refresh: number }) {
  const [links, setLinks] = useState<PreviewLink[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const load = async () => {
    const result = await api.previewLinks(articleId);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setLinks(result.data.items);
  };
  useEffect(() => {
    void load();
  }, [articleId, refresh]);
  if (links.length === 0 && !problem) return null;
  return (
    <div class="preview-links">
      <h3>Open preview links</h3>
      {problem && <p class="error">{problemMessage(problem)}</p>}
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            Made by {link.createdBy} on {formatDate(link.createdAt)}, valid until {formatDate(link.expiresAt)}{' '}
            <button
              type="button"
              aria-label={`Revoke the preview link made on ${formatDate(link.createdAt)}`}
              onClick={async () => {
                const result = await api.revokePreview(articleId, link.id);
                if (!result.ok) return setProblem(result.problem);
                await load();
              }}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
