import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';

interface Option {
  id: string;
  title: string;
  section: string;
}

/** Titles of articles picked in this tab, so a filtered queue names its article after a reload. */
const KNOWN = 'moderation-article-titles';
const known = (): Record<string, string> => {
  try {
    return JSON.parse(sessionStorage.getItem(KNOWN) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
};
const remember = (id: string, title: string) =>
  sessionStorage.setItem(KNOWN, JSON.stringify({ ...known(), [id]: title }));

/** An article id pasted in (26 characters): still taken as it is. */
const ARTICLE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The queue's article filter: type words of a headline, pick the article from the list (a
 * combobox: arrows, Enter, Escape), never a 26-character id. Live articles, through the public
 * search (headline words rank first).
 */
export function ArticleFilter({
  articleId,
  titleSeen,
  onPick,
}: {
  articleId: string | undefined;
  /** The filtered article's title as the queue shows it, if it has comments there. */
  titleSeen: string | undefined;
  onPick: (id: string) => void;
}) {
  const [text, setText] = useState(articleId ? (known()[articleId] ?? titleSeen ?? '') : '');
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const asked = useRef(0);

  useEffect(() => {
    if (articleId && !text && titleSeen) setText(titleSeen);
  }, [titleSeen]);

  // A pause in typing asks once; an older answer arriving late is dropped.
  useEffect(() => {
    const q = text.trim();
    if (!open || q.length < 2 || ARTICLE_ID.test(q)) {
      setOptions([]);
      return;
    }
    const ask = ++asked.current;
    const timer = setTimeout(async () => {
      const result = await api.findArticles(q);
      if (ask !== asked.current) return;
      const found = result.ok
        ? result.data.items.map((a) => ({ id: a.id, title: a.title, section: a.section }))
        : [];
      setOptions(found);
      setActive(found.length ? 0 : -1);
      setStatus(
        result.ok
          ? `${found.length || 'No'} article${found.length === 1 ? '' : 's'} found.`
          : 'The search failed; try again.',
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [text, open]);

  const pick = (option: Option) => {
    remember(option.id, option.title);
    setText(option.title);
    setOpen(false);
    onPick(option.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const q = text.trim();
    const chosen = open ? options[active] : undefined;
    if (chosen) return pick(chosen);
    if (ARTICLE_ID.test(q)) onPick(q);
  };

  const listId = 'c-article-options';
  const showList = open && options.length > 0;
  return (
    <form class="filters article-filter" aria-label="Filter by article" onSubmit={submit}>
      <div class="field">
        <label for="c-article">Article</label>
        <input
          id="c-article"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby="c-article-hint"
          placeholder="Words of its headline"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <p class="hint" id="c-article-hint">
          Type words of the headline, then choose the article.
        </p>
        <div id={listId} role="listbox" aria-label="Articles found" class="options" hidden={!showList}>
          {options.map((o, i) => (
            <div
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              class={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {o.title} <span class="hint">· {o.section}</span>
            </div>
          ))}
        </div>
        <p class="visually-hidden" aria-live="polite">
          {open ? status : ''}
        </p>
      </div>
      <button type="submit">Filter</button>
    </form>
  );
}
