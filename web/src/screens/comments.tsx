import { useEffect, useRef, useState } from 'preact/hooks';
import { type AdminComment, api, type CommentStatus, type ModerationAction } from '../api.ts';
import { navigate } from '../router.ts';
import { Marked, SearchBox, useTypedSearch } from '../search.tsx';
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
import { BanForm, type BanResult } from './banForm.tsx';
import { CommentReasons, reportLineId } from './commentReasons.tsx';

/** Ends a notice with a full stop, unless it ends one already (a name such as "Sam R."). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** A queue: comments by status, or the reported queue (approved comments with open reports). */
type Queue = CommentStatus | 'reported';
const TABS: { status: Queue; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'reported', label: 'Reported' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'spam', label: 'Spam' },
];
/** The actions each queue offers: by the status they apply to, and `only` in one queue. */
const ACTIONS: {
  action: ModerationAction;
  label: string;
  done: string;
  from: CommentStatus[];
  only?: Queue;
}[] = [
  // Reports are wrong about this one: it stays up, its reports close, it leaves the queue.
  { action: 'keep', label: 'Keep', done: 'Kept, reports dismissed', from: ['approved'], only: 'reported' },
  { action: 'approve', label: 'Approve', done: 'Approved', from: ['pending', 'rejected', 'spam'] },
  { action: 'reject', label: 'Reject', done: 'Rejected', from: ['pending', 'approved', 'spam'] },
  { action: 'spam', label: 'Spam', done: 'Marked as spam', from: ['pending', 'approved', 'rejected'] },
  {
    action: 'requeue',
    label: 'Back to pending',
    done: 'Back in the queue',
    from: ['approved', 'rejected', 'spam'],
  },
];
const KEYS: [string, string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['a', 'Approve the current comment'],
  ['r', 'Reject the current comment'],
  ['s', 'Mark the current comment as spam'],
  ['f', 'Feature or unfeature the current approved comment'],
  ['d', 'Keep the current reported comment and dismiss its reports'],
  ['x', 'Select or deselect the current comment'],
  ['b', 'Ban the writer of the current comment'],
  ['?', 'Show or hide this list'],
];

/** Keys typed into a text field are text, not shortcuts (a focused checkbox or button is fine). */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)));

/** The moderation queue: status tabs, filter by article, one-by-one and bulk actions, keyboard moderation. */
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
  const helpRef = useRef<HTMLElement>(null);
  // Opened with "?" far down the queue, the list is brought into view (focus stays on the comment).
  useEffect(() => {
    if (help) helpRef.current?.scrollIntoView({ block: 'nearest' });
  }, [help]);
  const [notice, setNotice] = useState('');
  const [articleFilter, setArticleFilter] = useState(articleId ?? '');
  /** The comment whose writer the ban form is open for. */
  const [banning, setBanning] = useState<string>();
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const state = useRef({ items, current, selected });
  state.current = { items, current, selected };

  const offered = (a: (typeof ACTIONS)[number]) => a.from.includes(status) && (!a.only || a.only === queue);
  const actable = ACTIONS.filter(offered);

  const moderate = async (comment: AdminComment, action: ModerationAction) => {
    const meta = ACTIONS.find((a) => a.action === action);
    if (!meta || !offered(meta)) return;
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
    setNotice(sentence(`${meta.done}: comment by ${comment.authorName}`));
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
    setNotice(
      updated.featured
        ? `Featured: comment by ${comment.authorName}; readers see it first.`
        : sentence(`No longer featured: comment by ${comment.authorName}`),
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
    const ids = [...selected];
    if (!ids.length) return;
    const meta = ACTIONS.find((a) => a.action === action);
    const result = await api.moderateMany(ids, action);
    if (!result.ok) return setProblem(result.problem);
    const done = new Set(result.data.results.filter((r) => r.status === 200).map((r) => r.id));
    const failed = result.data.results.filter((r) => r.status !== 200);
    setItems((list) => list?.filter((c) => !done.has(c.id)));
    setSelected(new Set(failed.map((f) => f.id)));
    setNotice(
      `${meta?.done ?? 'Done'}: ${done.size} comment${done.size === 1 ? '' : 's'}.` +
        (failed.length ? ` ${failed.length} could not be changed (already moderated or gone).` : ''),
    );
  };

  // Keyboard moderation, as in WordPress: j/k move, a/r/s act, x selects, ? shows the keys.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // Inside the ban form (its checkbox, its buttons) keys belong to the form.
      if (event.target instanceof Element && event.target.closest('.ban-form')) return;
      const { items: list, current: at } = state.current;
      if (event.key === '?') {
        setHelp((h) => !h);
        event.preventDefault();
        return;
      }
      if (!list?.length) return;
      const here = list[Math.min(at, list.length - 1)];
      const move = (to: number) => {
        const next = Math.max(0, Math.min(list.length - 1, to));
        setCurrent(next);
        rows.current[next]?.focus();
      };
      switch (event.key) {
        case 'j':
          move(at + 1);
          break;
        case 'k':
          move(at - 1);
          break;
        case 'a':
          if (here) void moderate(here, 'approve');
          break;
        case 'r':
          if (here) void moderate(here, 'reject');
          break;
        case 's':
          if (here) void moderate(here, 'spam');
          break;
        case 'b':
          if (here) setBanning(here.id);
          break;
        case 'f':
          if (here?.status === 'approved' && queue === 'approved') void toggleFeatured(here);
          break;
        case 'd':
          if (here && queue === 'reported') void moderate(here, 'keep');
          break;
        case 'x':
          if (here)
            setSelected((s) => {
              const next = new Set(s);
              if (next.has(here.id)) next.delete(here.id);
              else next.add(here.id);
              return next;
            });
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [queue]);

  // Keep the current row in range (and focused) when the list shrinks.
  useEffect(() => {
    if (items && current >= items.length && items.length > 0) {
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
      {help && (
        <section id="key-help" class="key-help" aria-labelledby="key-help-title" ref={helpRef}>
          <h2 id="key-help-title">Keyboard shortcuts</h2>
          <dl>
            {KEYS.map(([key, what]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <nav aria-label="Comment status" class="tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.status}>
              <Link href={href({ status: t.status })} aria-current={t.status === queue ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {queue === 'reported' ? (
        <p class="hint">
          Approved comments readers reported, most reported first. Keep one to dismiss its reports and leave
          it up.
        </p>
      ) : (
        <form
          class="filters"
          aria-label="Filter by article"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(href({ articleId: articleFilter.trim() || undefined }));
          }}
        >
          <div class="field">
            <label for="c-article">Article id</label>
            <input
              id="c-article"
              value={articleFilter}
              onInput={(e) => setArticleFilter(e.currentTarget.value)}
            />
          </div>
          <button type="submit">Filter</button>
          {articleId && (
            <Link href={href({ articleId: undefined })} class="button-like">
              Show all articles
            </Link>
          )}
        </form>
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
              <li
                key={c.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={-1}
                class={i === current ? 'current' : undefined}
                aria-current={i === current ? 'true' : undefined}
                aria-labelledby={`cm-${c.id}`}
                aria-describedby={c.reportCount > 0 ? reportLineId(c) : undefined}
                onFocusIn={() => setCurrent(i)}
              >
                <div class="comment-head">
                  <div class="check">
                    <input
                      type="checkbox"
                      id={`sel-${c.id}`}
                      checked={selected.has(c.id)}
                      onChange={() =>
                        setSelected((s) => {
                          const next = new Set(s);
                          if (next.has(c.id)) next.delete(c.id);
                          else next.add(c.id);
                          return next;
                        })
                      }
                    />
                    <label for={`sel-${c.id}`} id={`cm-${c.id}`}>
                      <Marked pieces={c.highlights?.authorName} text={c.authorName} />
                    </label>
                  </div>
                  <span class="hint">
                    {c.authorEmail ? `${c.authorEmail} · ` : ''}
                    <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                    {c.parentId ? ' · reply' : ''}
                  </span>
                  {c.featured && <span class="featured-mark">Featured</span>}
                </div>
                <CommentReasons comment={c} />
                <p class="comment-body">
                  <Marked pieces={c.highlights?.body} text={c.body} />
                </p>
                <p class="on-article">
                  On{' '}
                  <Link href={href({ articleId: c.article.id })} title="Show only this article's comments">
                    {c.article.title}
                  </Link>
                </p>
                <div class="actions">
                  {actable.map((a) => (
                    <button
                      key={a.action}
                      type="button"
                      class={
                        a.action === 'approve' || a.action === 'keep'
                          ? 'primary'
                          : a.action === 'spam'
                            ? 'danger'
                            : undefined
                      }
                      onClick={() => void moderate(c, a.action)}
                    >
                      {a.label}
                    </button>
                  ))}
                  {queue === 'approved' && c.status === 'approved' && (
                    <button type="button" aria-pressed={c.featured} onClick={() => void toggleFeatured(c)}>
                      {c.featured ? 'Unfeature' : 'Feature'}
                    </button>
                  )}
                  <button
                    type="button"
                    class="danger"
                    aria-expanded={banning === c.id}
                    onClick={() => setBanning(banning === c.id ? undefined : c.id)}
                  >
                    Ban writer
                  </button>
                </div>
                {banning === c.id && (
                  <BanForm
                    comment={c}
                    onBanned={(ban) => banned(c, ban)}
                    onCancel={() => {
                      setBanning(undefined);
                      rows.current[i]?.focus();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
          <LoadMore cursor={cursor} load={load} />
        </>
      )}
    </section>
  );
}
