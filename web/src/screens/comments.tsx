import { useEffect, useRef, useState } from 'preact/hooks';
import { type AdminComment, api, type CommentStatus, type ModerationAction } from '../api.ts';
import { navigate } from '../router.ts';
import { SearchBox, useTypedSearch } from '../search.tsx';
import {
  formatDate,
  Link,
  Loading,
  LoadMore,
  Notice,
  ProblemBanner,
  problemMessage,
  usePages,
  useScreen,
} from '../ui.tsx';
import { ArticleFilter } from './articleFilter.tsx';
import type { BanResult } from './banForm.tsx';
import { CommentRow } from './commentRow.tsx';
import { ACTIONS, comments, offeredIn, sentence, TABS } from './queueActions.ts';
import { KeyHelp, useQueueKeys } from './queueKeys.tsx';
import { QueueTabs } from './queueTabs.tsx';
import { type Toast, UndoToast } from './undoToast.tsx';
import './comments.css';

/** A decision the toast can take back: each comment as it was in the list, and the version it got. */
type Decided = { comment: AdminComment; at: number; decisions: number }[];

/**
 * The moderation queue: status tabs, filter by article, one-by-one and bulk actions, keyboard
 * moderation (its keys in queueKeys.tsx).
 */
export function CommentQueue() {
  const params = new URLSearchParams(window.location.search);
  const queue = TABS.find((t) => t.status === params.get('status'))?.status ?? 'pending';
  // Reported comments are approved ones: the same actions apply.
  const status: CommentStatus = queue === 'reported' ? 'approved' : queue;
  const articleId = params.get('articleId') ?? undefined;
  const heading = useScreen('Comments');
  const { items, setItems, cursor, problem, setProblem, load } = usePages((cursor) =>
    queue === 'reported'
      ? api.listReported({ q: search.words, cursor })
      : api.listComments({ status, articleId, q: search.words, cursor }),
  );
  // Words typed in the search box narrow this queue as they are typed (newest first while searching).
  const search = useTypedSearch(() => load());
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState('');
  const [toast, setToast] = useState<Toast>();
  /** Decisions made here, so the tab counts are read again after them. */
  const [changes, setChanges] = useState(0);
  /** The comment whose writer the ban form is open for. */
  const [banning, setBanning] = useState<string>();
  /** The comment whose writer's other comments are shown. */
  const [history, setHistory] = useState<string>();
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const state = useRef({ items, current, selected, toast });
  state.current = { items, current, selected, toast };

  const actable = ACTIONS.filter((a) => offeredIn(queue, a.action));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /** Whether a comment, as it is now, belongs in this queue (an undone decision puts it back). */
  const belongs = (c: AdminComment) =>
    queue === 'reported' ? c.status === 'approved' && c.reportCount > 0 : c.status === status;

  /** Offers Undo for a decision: back as they were, each where it stood in the list. */
  const offerUndo = (message: string, decided: Decided) => {
    setChanges((n) => n + 1);
    const undo = async () => {
      setToast(undefined);
      const results = await Promise.all(decided.map((d) => api.undoModeration(d.comment.id, d.decisions)));
      const back = decided.flatMap((d, i) => {
        const r = results[i];
        return r?.ok ? [{ ...d, comment: r.data }] : [];
      });
      const failed = results.flatMap((r) => (r.ok ? [] : [r.problem]));
      setItems((list) => {
        const next = (list ?? []).filter((c) => !back.some((b) => b.comment.id === c.id));
        for (const b of back.sort((x, y) => x.at - y.at)) {
          if (belongs(b.comment)) next.splice(Math.max(0, Math.min(b.at, next.length)), 0, b.comment);
        }
        return next;
      });
      setChanges((n) => n + 1);
      const first = failed[0];
      setToast({
        key: Date.now(),
        message: first
          ? `Not undone: ${problemMessage(first)}${back.length ? ` (${comments(back.length)} undone.)` : ''}`
          : sentence(
              `Undone: ${decided.length === 1 ? `comment by ${decided[0]?.comment.authorName}` : comments(back.length)} is back as it was`,
            ),
      });
      const at = back[0]?.at;
      if (at !== undefined) requestAnimationFrame(() => rows.current[Math.max(0, at)]?.focus());
    };
    setToast({ key: Date.now(), message, undo });
  };

  const moderate = async (comment: AdminComment, action: ModerationAction) => {
    const meta = ACTIONS.find((a) => a.action === action);
    if (!meta || !offeredIn(queue, action)) return;
    const at = state.current.items?.findIndex((c) => c.id === comment.id) ?? 0;
    const result = await api.moderate(comment.id, action);
    if (!result.ok) {
      setNotice(`${comment.authorName}'s comment: ${problemMessage(result.problem)}`);
      return;
    }
    setItems((list) => list?.filter((c) => c.id !== comment.id));
    setSelected((s) => {
      const next = new Set(s);
      next.delete(comment.id);
      return next;
    });
    offerUndo(sentence(`${meta.done}: comment by ${comment.authorName}`), [
      { comment, at, decisions: result.data.decisions },
    ]);
  };

  /** Featuring keeps the comment where it is (still approved): it is updated in place, not removed. */
  const toggleFeatured = async (comment: AdminComment) => {
    if (comment.status !== 'approved') return;
    const result = await api.moderate(comment.id, comment.featured ? 'unfeature' : 'feature');
    if (!result.ok) {
      setNotice(`${comment.authorName}'s comment: ${problemMessage(result.problem)}`);
      return;
    }
    const updated = result.data;
    setItems((list) => list?.map((c) => (c.id === updated.id ? updated : c)));
    const at = state.current.items?.findIndex((c) => c.id === comment.id) ?? 0;
    offerUndo(
      updated.featured
        ? `Featured: comment by ${comment.authorName}; readers see it first.`
        : sentence(`No longer featured: comment by ${comment.authorName}`),
      [{ comment, at, decisions: updated.decisions }],
    );
  };

  const focusRow = (id: string) => {
    const at = state.current.items?.findIndex((c) => c.id === id) ?? -1;
    if (at >= 0) rows.current[at]?.focus();
  };

  const banned = (comment: AdminComment, ban: BanResult) => {
    setBanning(undefined);
    // Their pending comments rejected with the ban leave the pending queue.
    const gone = new Set(queue === 'pending' ? ban.rejected : []);
    setItems((list) => list?.filter((c) => !gone.has(c.id)));
    setChanges((n) => n + 1);
    const n = ban.rejected.length;
    setNotice(
      `Banned ${ban.authorName}${ban.until ? ` until ${formatDate(ban.until)}` : ''}.` +
        (n ? ` ${n} pending comment${n === 1 ? '' : 's'} of theirs rejected.` : ''),
    );
    // After the list re-renders: back to the comment, or to the one now in its place.
    requestAnimationFrame(() => {
      if (!gone.has(comment.id)) return focusRow(comment.id);
      const at = Math.min(state.current.current, (state.current.items?.length ?? 1) - 1);
      rows.current[Math.max(0, at)]?.focus();
    });
  };

  const moderateSelected = async (action: ModerationAction) => {
    const meta = ACTIONS.find((a) => a.action === action);
    if (!meta || !offeredIn(queue, action)) return;
    const ids = [...state.current.selected];
    if (!ids.length) {
      setToast({ key: Date.now(), message: 'Nothing selected: select comments with x first.' });
      return;
    }
    const list = state.current.items ?? [];
    const result = await api.moderateMany(ids, action);
    if (!result.ok) return setProblem(result.problem);
    const done = result.data.results.filter((r) => r.status === 200 && r.comment);
    const doneIds = new Set(done.map((r) => r.id));
    const failed = result.data.results.filter((r) => r.status !== 200);
    setItems((items) => items?.filter((c) => !doneIds.has(c.id)));
    setSelected(new Set(failed.map((f) => f.id)));
    const decided = done.flatMap((r) => {
      const at = list.findIndex((c) => c.id === r.id);
      const before = list[at];
      return before && r.comment ? [{ comment: before, at, decisions: r.comment.decisions }] : [];
    });
    const message =
      `${meta.done}: ${comments(doneIds.size)}.` +
      (failed.length ? ` ${failed.length} could not be changed (already moderated or gone).` : '');
    if (decided.length) offerUndo(message, decided);
    else setToast({ key: Date.now(), message });
  };

  useQueueKeys({
    queue,
    state,
    rows,
    setCurrent,
    toggleHelp: () => setHelp((h) => !h),
    moderate,
    moderateSelected,
    toggleFeatured,
    toggleSelected: toggle,
    openBan: (id) => setBanning(id),
    toggleHistory: (id) => setHistory((h) => (h === id ? undefined : id)),
  });

  /** Where the page Load more asked for starts: the moderator reads on from there. */
  const loadedFrom = useRef<number | undefined>(undefined);
  const loadMore = (next: string) => {
    loadedFrom.current = items?.length ?? 0;
    return load(next);
  };

  // Keep the current row in range (and focused) when the list shrinks; after Load more, the first
  // new comment is the current one (the button, disabled while loading, lost focus: without this
  // it went back up to the comment the moderator had already read).
  useEffect(() => {
    const from = loadedFrom.current;
    if (from !== undefined && items && items.length > from) {
      loadedFrom.current = undefined;
      setCurrent(from);
      rows.current[from]?.focus();
    } else if (items && current >= items.length && items.length > 0) {
      setCurrent(items.length - 1);
      rows.current[items.length - 1]?.focus();
    } else if (items?.length && document.activeElement === document.body) rows.current[current]?.focus();
  }, [items?.length]);

  const href = (next: { status?: string; articleId?: string | undefined }) => {
    const p = new URLSearchParams();
    p.set('status', next.status ?? queue);
    const a = 'articleId' in next ? next.articleId : articleId;
    if (a) p.set('articleId', a);
    return `/comments?${p}`;
  };
  const allSelected = !!items?.length && items.every((c) => selected.has(c.id));

  return (
    <section aria-labelledby="c-title" class="queue">
      <div class="screen-head">
        <h1 id="c-title" ref={heading} tabIndex={-1}>
          Comments
        </h1>
        <button type="button" aria-expanded={help} aria-controls="key-help" onClick={() => setHelp(!help)}>
          Keyboard shortcuts
        </button>
      </div>
      {help && <KeyHelp />}
      <QueueTabs queue={queue} articleId={articleId} changes={changes} href={(status) => href({ status })} />
      {queue === 'reported' ? (
        <p class="hint">
          Approved comments readers reported, most reported first. Keep one to dismiss its reports and leave
          it up.
        </p>
      ) : (
        <div class="filter-row">
          <ArticleFilter
            articleId={articleId}
            titleSeen={articleId ? items?.[0]?.article.title : undefined}
            onPick={(id) => navigate(href({ articleId: id }))}
          />
          {articleId && (
            <Link href={href({ articleId: undefined })} class="button-like">
              Show all articles
            </Link>
          )}
        </div>
      )}
      <SearchBox
        id="c-q"
        label="Search this queue"
        placeholder="Words in the comment or the commenter's name"
        search={search}
      />
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!items && !problem && <Loading what="comments" />}
      {items && items.length === 0 && (
        <p class="empty">
          No {queue} comments{articleId && queue !== 'reported' ? ' on this article' : ''}
          {search.words ? ' with these words' : ''}.
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <fieldset class="bulk">
            <legend class="visually-hidden">Bulk actions</legend>
            <div class="check">
              <input
                type="checkbox"
                id="select-all"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((c) => c.id)))}
              />
              <label for="select-all">Select all on this page</label>
            </div>
            {actable.map((a) => (
              <button
                key={a.action}
                type="button"
                disabled={selected.size === 0}
                onClick={() => void moderateSelected(a.action)}
              >
                {a.label} selected
              </button>
            ))}
            <span class="hint">{selected.size} selected</span>
          </fieldset>
          <ul class="comments">
            {items.map((c, i) => (
              <CommentRow
                key={c.id}
                comment={c}
                queue={queue}
                current={i === current}
                selected={selected.has(c.id)}
                actions={actable}
                banning={banning === c.id}
                historyOpen={history === c.id}
                articleHref={href({ articleId: c.article.id })}
                rowRef={(el) => {
                  rows.current[i] = el;
                }}
                onFocus={() => setCurrent(i)}
                onSelect={() => toggle(c.id)}
                onAction={(action) => void moderate(c, action)}
                onFeature={() => void toggleFeatured(c)}
                onBan={(open) => {
                  setBanning(open ? c.id : undefined);
                  if (!open) rows.current[i]?.focus();
                }}
                onBanned={(ban) => banned(c, ban)}
                onHistory={() => setHistory(history === c.id ? undefined : c.id)}
              />
            ))}
          </ul>
          <LoadMore cursor={cursor} load={loadMore} />
        </>
      )}
      <UndoToast toast={toast} onExpire={() => setToast(undefined)} />
    </section>
  );
}
