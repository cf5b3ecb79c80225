import { useEffect, useRef, useState } from 'preact/hooks';
import { CORRECTORS } from '../../../shared/auth/permissions.ts';
import { api, type HistoryEntry, type Problem, type WorkflowAction } from '../api.ts';
import { currentSession, hasRole } from '../auth.ts';
import { Desk } from '../desk/desk.tsx';
import { DeskPanel } from '../desk/deskPanel.tsx';
import { EditLockNotice, useReadOnlyForm } from '../desk/editLock.tsx';
import { usePublishConfirmation } from '../desk/publishDialog.tsx';
import { diffContent } from '../diff.ts';
import { navigate, setLeaveGuard } from '../router.ts';
import {
  fieldErrors,
  formatDate,
  Link,
  Loading,
  Notice,
  ProblemBanner,
  StatusBadge,
  timeZone,
  useScreen,
} from '../ui.tsx';
import { inputOf } from './articleForm.ts';
import { BodyField } from './bodyField.tsx';
import { type Conflict, ConflictPanel } from './conflictPanel.tsx';
import { ContentFields } from './contentFields.tsx';
import { CorrectionsPanel } from './corrections.tsx';
import { SeoFields } from './seo.tsx';
import { ThreadPanel } from './threadPanel.tsx';
import { useArticleForm } from './useArticleForm.ts';
import { DONE, WorkflowPanel } from './workflowPanel.tsx';
import './editor.css';

export { ACTION_LABELS } from './workflowPanel.tsx';

/** A message for the next editor screen (the draft just created opens as a new screen). */
let flash: string | undefined;
const takeFlash = () => {
  const message = flash;
  flash = undefined;
  return message;
};

/** Writing and editing an article, its workflow actions, preview links, and edit conflicts. */
export function ArticleEditor({ id }: { id?: string }) {
  const { article, etag, form, dirtyRef, adopt, update, restore } = useArticleForm();
  const [problem, setProblem] = useState<Problem>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string | undefined>(takeFlash);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const [note, setNote] = useState<HistoryEntry>();
  const title = id ? (article ? `Edit “${article.title}”` : 'Edit article') : 'New article';
  const heading = useScreen(title);
  // The corrections panel stays once shown, so what it said survives the article going off the site.
  const wasLive = useRef(false);
  if (article?.live) wasLive.current = true;
  const formRef = useRef<HTMLFormElement>(null);
  useReadOnlyForm(formRef, !!article && !article.editable);

  useEffect(() => {
    setLeaveGuard(() => dirtyRef.current);
    return () => setLeaveGuard(undefined);
  }, []);

  useEffect(() => {
    if (!id) return;
    void (async () => {
      const result = await api.getArticle(id);
      if (!result.ok) return setLoadProblem(result.problem);
      adopt(result.data, result.etag);
    })();
  }, [id]);

  // The editor's note an author needs to see while changes are requested.
  useEffect(() => {
    if (!id || article?.status !== 'changes_requested') return setNote(undefined);
    void (async () => {
      const result = await api.history(id);
      if (!result.ok) return;
      const requests = result.data.items.filter((e) => e.action === 'request_changes');
      setNote(requests[requests.length - 1]);
    })();
  }, [id, article?.status, article?.version]);

  const save = async (overEtag?: string) => {
    // Enter in any field submits the form: with nothing changed, that must not make a new version.
    if (id && article && !overEtag && !dirtyRef.current) {
      setNotice('No changes to save.');
      return;
    }
    setBusy(true);
    setNotice(undefined);
    const input = inputOf(form);
    const result =
      id && article
        ? await api.updateArticle(id, overEtag ?? etag ?? '', input)
        : await api.createArticle(input);
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412 && id) return showConflict();
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setConflict(undefined);
    adopt(result.data, result.etag);
    setNotice('Saved.');
    if (!id) {
      dirtyRef.current = false;
      setLeaveGuard(undefined);
      flash = 'Draft created.';
      navigate(`/articles/${result.data.id}`, { replace: true });
    }
  };

  const showConflict = async () => {
    if (!id) return;
    const latest = await api.getArticle(id);
    if (!latest.ok) return setProblem(latest.problem);
    setConflict({
      latest: latest.data,
      etag: latest.etag ?? `"${latest.data.version}"`,
      diffs: diffContent(latest.data, inputOf(form)),
    });
  };

  const runAction = async (action: WorkflowAction, extra: { note?: string; publishAt?: string } = {}) => {
    if (!id || !etag) return false;
    setBusy(true);
    setNotice(undefined);
    const result = await api.transition(id, etag, { action, ...extra });
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412) {
        setProblem({ ...result.problem, detail: undefined });
        await showConflict();
      } else setProblem(result.problem);
      return false;
    }
    setProblem(undefined);
    adopt(result.data, result.etag, !dirtyRef.current);
    setNotice(DONE[action] ?? 'Done.');
    return true;
  };

  const [confirmedAction, publishDialog] = usePublishConfirmation(article, runAction);

  if (loadProblem)
    return (
      <section aria-labelledby="ed-title">
        <h1 id="ed-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <ProblemBanner problem={loadProblem} />
      </section>
    );
  if (id && !article) return <Loading what="the article" />;

  const errs = (path: string, prefix = false) => fieldErrors(problem, path, { prefix });
  const actions = article?.availableActions ?? [];

  return (
    <section aria-labelledby="ed-title" class="editor">
      <div class="screen-head">
        <h1 id="ed-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {article && (
          <p class="meta">
            <StatusBadge status={article.status} /> Version {article.version} · updated{' '}
            {formatDate(article.updatedAt)} by {article.updatedBy}
            {article.live &&
              (article.hasUnpublishedChanges
                ? ' · live on the site as last published; the edits here are not published yet'
                : ' · live on the site')}
            {article.scheduledFor && ` · goes live ${formatDate(article.scheduledFor)} (${timeZone()})`}
          </p>
        )}
      </div>
      <Notice message={notice} />
      {(article || !id) && (
        <Desk
          articleId={id}
          version={article?.version ?? 0}
          editable={article?.editable ?? true}
          dirty={dirtyRef.current}
          content={JSON.stringify(inputOf(form))}
          onRestore={restore}
        />
      )}
      {note && (
        <aside class="request-note" aria-labelledby="note-title">
          <h2 id="note-title">Changes requested</h2>
          <p>
            <strong>{note.actor}</strong> on {formatDate(note.at)}:
          </p>
          <blockquote>{note.note}</blockquote>
        </aside>
      )}
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          onReload={() => {
            adopt(conflict.latest, conflict.etag);
            setConflict(undefined);
            setProblem(undefined);
            setNotice('Reloaded the latest saved version.');
          }}
          onKeepMine={() => void save(conflict.etag)}
        />
      )}
      {problem && problem.status !== 412 && <ProblemBanner problem={problem} />}
      {article && (
        <WorkflowPanel
          article={article}
          actions={actions}
          busy={busy}
          dirty={dirtyRef.current}
          runAction={confirmedAction}
        />
      )}
      {publishDialog}
      {article && etag && (article.live || article.corrections.length > 0 || wasLive.current) && (
        <CorrectionsPanel
          article={article}
          etag={etag}
          canCorrect={article.live && hasRole(currentSession(), ...CORRECTORS)}
          onCorrected={(next, nextEtag) => adopt(next, nextEtag, !dirtyRef.current)}
          onStale={async () => {
            const latest = await api.getArticle(article.id);
            if (!latest.ok) return undefined;
            adopt(latest.data, latest.etag, !dirtyRef.current);
            return latest.data;
          }}
        />
      )}
      {article?.publishedAt && (
        <ThreadPanel
          key={article.id}
          article={article}
          canChange={hasRole(currentSession(), 'editor', 'moderator')}
        />
      )}
      {article && <EditLockNotice article={article} />}
      <DeskPanel content={inputOf(form)} />
      <form
        ref={formRef}
        class="article-form"
        aria-label="Article"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>Content</h2>
        <ContentFields
          form={form}
          update={update}
          problem={problem}
          isNew={!article}
          slugAddresses={
            article
              ? {
                  liveSlug: article.liveSlug ?? (article.publishedAt || article.live ? article.slug : null),
                  redirects: article.redirects ?? [],
                }
              : null
          }
        />
        <BodyField
          value={form.body}
          onChange={(body) => update({ body })}
          problem={problem}
          editable={!article || article.editable}
        />

        <SeoFields
          value={form.seo}
          onChange={(seo) => update({ seo })}
          errors={(field) => errs(field ? `seo.${field}` : 'seo')}
        />

        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || (article && !article.editable)}>
            {id ? 'Save' : 'Create draft'}
          </button>
          {dirtyRef.current && <span class="unsaved">Unsaved changes</span>}
          {id && <Link href={`/articles/${id}/history`}>History and revisions</Link>}
          {id && article?.publishedAt && <Link href={`/articles/${id}/live`}>Live desk</Link>}
        </div>
      </form>
    </section>
  );
}
