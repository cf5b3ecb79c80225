import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type ArticleStatus, type ArticleSummary, api, type Problem } from '../api.ts';
import type { Session } from '../auth.ts';
import { navigate } from '../router.ts';
import { formatDate, Link, Loading, ProblemBanner, StatusBadge, useScreen } from '../ui.tsx';
import './myWork.css';

/** The tabs of My work, each one status of the author's own stories. */
const TABS = [
  { key: 'drafts', status: 'draft', label: 'Drafts', empty: 'No drafts.' },
  { key: 'returned', status: 'changes_requested', label: 'Returned', empty: 'Nothing returned to you.' },
  { key: 'review', status: 'in_review', label: 'In review', empty: 'Nothing waiting for review.' },
] as const satisfies readonly { key: string; status: ArticleStatus; label: string; empty: string }[];
type TabKey = (typeof TABS)[number]['key'];

/** Stories a tab lists and counts; past it the count reads "100+" and the tab offers the full list. */
const TAB_LIMIT = 100;

interface TabState {
  items: ArticleSummary[];
  more: boolean;
}

/**
 * An author's desk: their drafts, the stories returned to them (changes requested) and those in
 * review, with a count on each tab. One list request per tab, all three at once on opening (each
 * is one Query on the author index and two batch reads: tests/integration/myWork.test.ts).
 */
export function MyWork({ session, tab }: { session: Session; tab: string | null }) {
  const heading = useScreen('My work');
  const current = TABS.find((t) => t.key === tab) ?? TABS[0];
  const [lists, setLists] = useState<Partial<Record<TabKey, TabState>>>({});
  const [problem, setProblem] = useState<Problem>();
  const tabRefs = useRef<Partial<Record<TabKey, HTMLButtonElement | null>>>({});

  useEffect(() => {
    void Promise.all(
      TABS.map(async (t) => {
        const result = await api.listArticles({ status: t.status, createdBy: session.sub, limit: TAB_LIMIT });
        if (!result.ok) return setProblem(result.problem);
        setLists((l) => ({ ...l, [t.key]: { items: result.data.items, more: !!result.data.nextCursor } }));
      }),
    );
  }, [session.sub]);

  const select = (key: TabKey, focus = false) => {
    navigate(`/my-work?tab=${key}`, { replace: true });
    if (focus) tabRefs.current[key]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.key === current.key);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    const next = TABS[to];
    if (!next) return;
    event.preventDefault();
    select(next.key, true);
  };
  useLayoutEffect(() => {
    // Arrow keys move the selection; focus follows it once the new tab has rendered.
    if (document.activeElement?.getAttribute('role') === 'tab') tabRefs.current[current.key]?.focus();
  }, [current.key]);

  const shown = lists[current.key];
  return (
    <section aria-labelledby="work-title">
      <div class="screen-head">
        <h1 id="work-title" ref={heading} tabIndex={-1}>
          My work
        </h1>
        <button type="button" class="primary" onClick={() => navigate('/articles/new')}>
          New article
        </button>
      </div>
      <ProblemBanner problem={problem} />
      <div class="work-tabs" role="tablist" aria-label="My stories by status" onKeyDown={onKeyDown}>
        {TABS.map((t) => {
          const list = lists[t.key];
          const selected = t.key === current.key;
          return (
            <button
              key={t.key}
              type="button"
              role="tab"
              id={`tab-${t.key}`}
              aria-selected={selected}
              aria-controls="work-panel"
              tabIndex={selected ? 0 : -1}
              ref={(el) => {
                tabRefs.current[t.key] = el;
              }}
              onClick={() => select(t.key)}
            >
              {t.label}
              <span class="tab-count">
                {list ? `${list.items.length}${list.more ? '+' : ''}` : '…'}
                <span class="visually-hidden"> {list?.items.length === 1 ? 'story' : 'stories'}</span>
              </span>
            </button>
          );
        })}
      </div>
      <div class="tab-panel" role="tabpanel" id="work-panel" aria-labelledby={`tab-${current.key}`}>
        {!shown && !problem && <Loading what={current.label.toLowerCase()} />}
        {shown && shown.items.length === 0 && <p class="empty">{current.empty}</p>}
        {shown && shown.items.length > 0 && (
          <ul class="work-list">
            {shown.items.map((a) => (
              <li key={a.id}>
                <Link href={`/articles/${a.id}`}>{a.title}</Link> <StatusBadge status={a.status} />
                <span class="hint">
                  {' '}
                  · {a.section} · updated {formatDate(a.updatedAt)} by {a.updatedBy}
                </span>
              </li>
            ))}
          </ul>
        )}
        {shown?.more && (
          <p>
            <Link href={`/?status=${current.status}&createdBy=${encodeURIComponent(session.sub)}`}>
              All of them in the article list
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
