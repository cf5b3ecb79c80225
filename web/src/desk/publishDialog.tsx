import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DeskChecksView } from '../../../shared/desk/deskChecks.ts';
import { type Article, api, type WorkflowAction } from '../api.ts';
import { Modal } from '../ui/modal.tsx';
import { formatDate, problemMessage, timeZone } from '../ui.tsx';

type Extra = { note?: string; publishAt?: string };
export type RunAction = (action: WorkflowAction, extra?: Extra) => Promise<boolean>;

interface Asking {
  action: 'publish' | 'schedule';
  extra: Extra;
  answer: (done: boolean) => void;
}

/** Where the live story is read: the public API's address for its slug, on this origin (CloudFront serves both). */
export const publicUrlOf = (slug: string) =>
  new URL(`/v1/articles/${encodeURIComponent(slug)}`, window.location.origin).toString();

/**
 * Publish and schedule ask first. Wraps the editor's runAction: those two open a dialog that says
 * what goes live (the saved version), where (its public address) and when, with what the desk
 * check still finds missing in that version; the action runs only on confirmation. Any other
 * action passes straight through.
 */
export function usePublishConfirmation(
  article: Article | undefined,
  run: RunAction,
): [RunAction, ComponentChildren] {
  const [asking, setAsking] = useState<Asking>();
  const guarded: RunAction = (action, extra = {}) => {
    if (!article || (action !== 'publish' && action !== 'schedule')) return run(action, extra);
    return new Promise((answer) => setAsking({ action, extra, answer }));
  };
  const dialog =
    asking && article ? (
      <PublishDialog
        article={article}
        asking={asking}
        onCancel={() => {
          setAsking(undefined);
          asking.answer(false);
        }}
        onConfirm={async () => {
          setAsking(undefined);
          asking.answer(await run(asking.action, asking.extra));
        }}
      />
    ) : null;
  return [guarded, dialog];
}

function PublishDialog({
  article,
  asking,
  onCancel,
  onConfirm,
}: {
  article: Article;
  asking: Asking;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const [checks, setChecks] = useState<DeskChecksView>();
  const [checkProblem, setCheckProblem] = useState<string>();
  useEffect(() => {
    void api.articleChecks(article.id).then((result) => {
      if (result.ok) setChecks(result.data);
      else setCheckProblem(problemMessage(result.problem));
    });
  }, [article.id, article.version]);
  const scheduled = asking.action === 'schedule' && asking.extra.publishAt;
  const when = scheduled ? `at ${formatDate(asking.extra.publishAt)} (${timeZone()})` : 'now';
  const url = publicUrlOf(article.slug);
  return (
    <Modal
      title={scheduled ? `Schedule “${article.title}”?` : `Publish “${article.title}”?`}
      onClose={onCancel}
    >
      <div class="publish-dialog">
        <p>
          Version {article.version}, as last saved, goes live <strong>{when}</strong>
          {article.live ? ', replacing the version readers see now' : ''}.
        </p>
        <dl class="publish-where">
          <dt>Public address</dt>
          <dd>
            <code>{url}</code>
          </dd>
          <dt>Slug</dt>
          <dd>
            <code>{article.slug}</code>
            {article.publishedAt ? ' (kept: the story has been live at this address)' : ''}
          </dd>
          <dt>Section</dt>
          <dd>{article.section}</dd>
        </dl>
        <h3 id="publish-checks">Desk check</h3>
        {checkProblem && <p class="error">The check could not be read: {checkProblem}</p>}
        {!checks && !checkProblem && <p role="status">Checking the saved version…</p>}
        {checks &&
          (checks.warnings.length === 0 ? (
            <p class="desk-ok">Nothing missing.</p>
          ) : (
            <ul class="desk-warnings" aria-labelledby="publish-checks">
              {checks.warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          ))}
        <div class="form-actions">
          <button type="button" class="primary" onClick={onConfirm}>
            {scheduled
              ? 'Schedule it'
              : checks && checks.warnings.length > 0
                ? 'Publish anyway'
                : 'Publish now'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
