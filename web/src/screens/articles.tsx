import { useEffect, useRef, useState } from 'preact/hooks';
import { ARTICLE_STATUSES, api } from '../api.ts';
import { hasRole, type Session } from '../auth.ts';
import { navigate } from '../router.ts';
import {
  formatDate,
  Link,
  Loading,
  LoadMore,
  ProblemBanner,
  STATUS_LABELS,
  StatusBadge,
  usePages,
  useScreen,
} from '../ui.tsx';
import { AccessBadge } from './accessField.tsx';

/** How long typing must pause before the list searches: a request per pause, not per key. */
const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  session: Session;
  query: URLSearchParams;
}

/** The article list: by status, section and author, most recently updated first, paged by cursor. */
export function ArticleList({ session, query }: Props) {
  const view = query.get('view');
  const filters = {
    status: view === 'mine' ? 'draft' : view === 'review' ? 'in_review' : (query.get('status') ?? ''),
    section: query.get('section') ?? '',
    createdBy: view === 'mine' ? session.sub : (query.get('createdBy') ?? ''),
  };
  const title = view === 'mine' ? 'My drafts' : view === 'review' ? 'Waiting for review' : 'Articles';
  const heading = useScreen(title);
  // The words typed in the search box: the list follows them as they are typed, a moment after
  // the last key (one request per pause, not per key).
  const [q, setQ] = useState(query.get('q') ?? '');
  const { items, cursor, problem, load } = usePages((cursor) =>
    api.listArticles({
      q: q.trim() ? q : undefined,
      status: ARTICLE_STATUSES.find((s) => s === filters.status),
      section: filters.section || undefined,
      createdBy: filters.createdBy || undefined,
      cursor,
    }),
  );
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => void load(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const key of ['status', 'section', 'createdBy']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) params.set(key, value);
    }
    navigate(`/${params.size ? `?${params}` : ''}`);
  };

  return (
    <section aria-labelledby="list-title">
      <div class="screen-head">
        <h1 id="list-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {hasRole(session, 'author', 'editor') && (
          <button type="button" class="primary" onClick={() => navigate('/articles/new')}>
            New article
          </button>
        )}
      </div>
      <div class="field search">
        <label for="f-q">Search</label>
        <input
          id="f-q"
          type="search"
          value={q}
          placeholder="Words in the headline, text, byline or tags"
          autoComplete="off"
          onInput={(event) => {
            typed.current = true;
            setQ((event.currentTarget as HTMLInputElement).value);
          }}
        />
      </div>
      {!view && (
        <form class="filters" onSubmit={applyFilters} aria-label="Filter articles">
          <div class="field">
            <label for="f-status">Status</label>
            <select id="f-status" name="status" defaultValue={filters.status}>
              <option value="">Any status</option>
              {ARTICLE_STATUSES.map((s) => (
                <option value={s} key={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-section">Section</label>
            <input id="f-section" name="section" defaultValue={filters.section} placeholder="e.g. city" />
          </div>
          <div class="field">
            <label for="f-author">Author</label>
            <input id="f-author" name="createdBy" defaultValue={filters.createdBy} placeholder="user id" />
          </div>
          <button type="submit">Filter</button>
        </form>
      )}
      <ProblemBanner problem={problem} />
      {!items && !problem && <Loading what="articles" />}
      {items && items.length === 0 && (
        <p class="empty">{q.trim() ? `No articles match “${q.trim()}”.` : 'No articles match.'}</p>
      )}
      {items && items.length > 0 && (
        <table class="articles stacked">
          <caption class="visually-hidden">{title}, most recently updated first</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Section</th>
              <th scope="col">Author</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td data-label="Title">
                  <Link href={`/articles/${a.id}`}>{a.title}</Link>
                  {a.live && a.status !== 'published' && (
                    <span class="live-note"> · live version online</span>
                  )}
                  {a.excerpt && a.excerpt.length > 0 && (
                    <p class="excerpt">
                      {a.excerpt.map((piece, i) =>
                        piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
                      )}
                    </p>
                  )}
                </td>
                <td data-label="Status">
                  <StatusBadge status={a.status} /> <AccessBadge access={a.access} />
                </td>
                <td data-label="Section">{a.section}</td>
                <td data-label="Author">{a.createdBy}</td>
                <td data-label="Updated">{formatDate(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore cursor={cursor} load={load} />
    </section>
  );
}
