import { useEffect, useState } from 'preact/hooks';
import {
  type Article,
  api,
  type HistoryEntry,
  type Problem,
  type Revision,
  type RevisionSummary,
} from '../api.ts';
import { diffContent } from '../diff.ts';
import { DiffTable } from '../diffTable.tsx';
import { navigate } from '../router.ts';
import { Modal } from '../ui/modal.tsx';
import { formatDate, Link, Loading, Notice, ProblemBanner, STATUS_LABELS, useScreen } from '../ui.tsx';
import './history.css';

const ACTION_NAMES: Record<string, string> = {
  create: 'Created',
  edit: 'Edited',
  restore: 'Restored a revision',
  publish: 'Published',
  submit: 'Submitted for review',
  withdraw: 'Withdrew from review',
  request_changes: 'Requested changes',
  approve: 'Approved',
  schedule: 'Scheduled',
  unschedule: 'Unscheduled',
  unpublish: 'Unpublished',
  correct: 'Published a correction',
  'comments-closed': 'Closed comments',
  'comments-reopened': 'Reopened comments',
};
const actionName = (a: string) => ACTION_NAMES[a] ?? a.replace(/_/g, ' ');

/** Who did what and when, the saved revisions, a side-by-side diff of any two, and restore. */
export function ArticleHistory({ id }: { id: string }) {
  const [article, setArticle] = useState<Article>();
  const [etag, setEtag] = useState<string>();
  const [history, setHistory] = useState<HistoryEntry[]>();
  const [revisions, setRevisions] = useState<RevisionSummary[]>();
  const [problem, setProblem] = useState<Problem>();
  const [left, setLeft] = useState<number>();
  const [right, setRight] = useState<number>();
  const [compared, setCompared] = useState<[Revision, Revision]>();
  const [notice, setNotice] = useState<string>();
  const [restoring, setRestoring] = useState<RevisionSummary>();
  const heading = useScreen(article ? `History of “${article.title}”` : 'History');

  const showDiff = async (from: number, to: number) => {
    const [a, b] = await Promise.all([api.revision(id, from), api.revision(id, to)]);
    if (!a.ok) return setProblem(a.problem);
    if (!b.ok) return setProblem(b.problem);
    setProblem(undefined);
    setCompared([a.data, b.data]);
  };

  /**
   * Reads everything again and compares the previous revision with the current one (the newest
   * revision is the working copy's content: every content change saves one), as the screen opens
   * and after a restore, so what is shown is always about the article as it now is.
   */
  const load = async () => {
    const [a, h, r] = await Promise.all([api.getArticle(id), api.history(id), api.revisions(id)]);
    if (!a.ok) return setProblem(a.problem);
    if (!h.ok) return setProblem(h.problem);
    if (!r.ok) return setProblem(r.problem);
    setArticle(a.data);
    setEtag(a.etag ?? `"${a.data.version}"`);
    setHistory(h.data.items);
    const revs = [...r.data.items].sort((x, y) => y.n - x.n);
    setRevisions(revs);
    const [current, previous] = revs;
    setLeft(previous?.n ?? current?.n);
    setRight(current?.n);
    if (current && previous) await showDiff(previous.n, current.n);
    else setCompared(undefined);
  };
  useEffect(() => {
    void load();
  }, [id]);

  const compare = async (event: Event) => {
    event.preventDefault();
    if (left === undefined || right === undefined) return;
    await showDiff(left, right);
  };

  const restore = async (revision: RevisionSummary) => {
    setRestoring(undefined);
    if (!etag) return;
    const result = await api.restoreRevision(id, revision.n, etag);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    const made = (revisions?.[0]?.n ?? 0) + 1;
    setNotice(
      `Revision ${revision.n} restored: its content is now revision ${made}, version ${result.data.version}, in draft.`,
    );
    await load();
  };

  const title = article ? `History of “${article.title}”` : 'History';
  return (
    <section aria-labelledby="h-title">
      <div class="screen-head">
        <h1 id="h-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <Link href={`/articles/${id}`}>Back to the article</Link>
      </div>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!history && !problem && <Loading what="the history" />}
      {history && (
        <>
          <h2>Activity</h2>
          <ol class="timeline">
            {history.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <p>
                  <strong>{actionName(entry.action)}</strong> by {entry.actor} ·{' '}
                  <time dateTime={entry.at}>{formatDate(entry.at)}</time>
                  {entry.from && entry.to && entry.from !== entry.to && (
                    <span class="hint">
                      {' '}
                      ({STATUS_LABELS[entry.from]} → {STATUS_LABELS[entry.to]})
                    </span>
                  )}
                  <span class="hint"> · version {entry.version}</span>
                </p>
                {entry.publishAt && <p class="hint">Goes live {formatDate(entry.publishAt)}</p>}
                {entry.commentsCloseAt && (
                  <p class="hint">Comments close again {formatDate(entry.commentsCloseAt)}</p>
                )}
                {entry.note && <blockquote>{entry.note}</blockquote>}
              </li>
            ))}
          </ol>
        </>
      )}
      {revisions && (
        <>
          <h2>Revisions</h2>
          <table class="stacked">
            <caption class="visually-hidden">Saved revisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Title</th>
                <th scope="col">Saved</th>
                <th scope="col">
                  <span class="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.n}>
                  <td data-label="Revision">
                    {r.n}{' '}
                    <span class="hint">
                      (version {r.version}, {actionName(r.action)})
                    </span>
                    {r.n === revisions[0]?.n && <span class="hint"> · current</span>}
                  </td>
                  <td data-label="Title">{r.title}</td>
                  <td data-label="Saved">
                    {formatDate(r.savedAt)} by {r.savedBy}
                  </td>
                  <td>
                    {r.n !== revisions[0]?.n && (
                      <button type="button" onClick={() => setRestoring(r)}>
                        Restore revision {r.n}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {revisions.length > 1 && (
            <form class="filters" onSubmit={compare} aria-label="Compare revisions">
              <RevisionSelect
                id="cmp-left"
                label="Compare revision"
                value={left}
                onChange={setLeft}
                revisions={revisions}
              />
              <RevisionSelect
                id="cmp-right"
                label="with revision"
                value={right}
                onChange={setRight}
                revisions={revisions}
              />
              <button type="submit">Compare</button>
            </form>
          )}
          {compared && <RevisionDiff left={compared[0]} right={compared[1]} current={revisions[0]?.n} />}
          {restoring && article && (
            <Modal title={`Restore revision ${restoring.n}?`} onClose={() => setRestoring(undefined)}>
              <p>
                The content of revision {restoring.n} (version {restoring.version}, saved{' '}
                {formatDate(restoring.savedAt)} by {restoring.savedBy}) becomes a new revision{' '}
                {(revisions[0]?.n ?? 0) + 1}, version {article.version + 1}, in draft. Nothing is lost: the
                current text stays as revision {revisions[0]?.n}.
              </p>
              <div class="form-actions">
                <button type="button" class="primary" onClick={() => void restore(restoring)}>
                  Restore revision {restoring.n}
                </button>
                <button type="button" onClick={() => setRestoring(undefined)}>
                  Cancel
                </button>
              </div>
            </Modal>
          )}
          <p>
            <button type="button" class="link-button" onClick={() => navigate(`/articles/${id}`)}>
              Open the editor
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function RevisionDiff({
  left,
  right,
  current,
}: {
  left: Revision;
  right: Revision;
  current?: number | undefined;
}) {
  const diffs = diffContent(left.content, right.content);
  const name = (r: Revision) => `Revision ${r.n} (version ${r.version}${r.n === current ? ', current' : ''})`;
  return (
    <section class="diff-wrap" aria-label={`Differences between revision ${left.n} and ${right.n}`}>
      <h3>
        {name(left)} compared with {name(right)}
      </h3>
      {diffs.length === 0 ? (
        <p>The two revisions have the same content.</p>
      ) : (
        <DiffTable diffs={diffs} left={`Revision ${left.n}`} right={`Revision ${right.n}`} />
      )}
    </section>
  );
}

function RevisionSelect(props: {
  id: string;
  label: string;
  value: number | undefined;
  revisions: RevisionSummary[];
  onChange: (n: number) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={String(props.value)}
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
      >
        {props.revisions.map((r, i) => (
          <option key={r.n} value={String(r.n)}>
            {r.n} (version {r.version}
            {i === 0 ? ', current' : ''})
          </option>
        ))}
      </select>
    </div>
  );
}
