import '../authorPicker.css';
import { useEffect, useState } from 'preact/hooks';
import { type Author, api } from '../api.ts';

/** The author directory, read once per page load: a newsroom's few hundred authors are a page or two. */
let directory: Promise<Author[]> | undefined;
export function loadAuthors(fresh = false): Promise<Author[]> {
  if (fresh || !directory) {
    directory = (async () => {
      const out: Author[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.listAuthors(cursor);
        if (!page.ok) break;
        out.push(...page.data.items);
        cursor = page.data.nextCursor ?? undefined;
      } while (cursor);
      return out;
    })();
  }
  return directory;
}

/** Names as the picker matches them: case and accents do not matter (Zoë is found by zoe). */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The article's authors: a typeahead over the directory (the WAI-ARIA combobox pattern: type,
 * ArrowDown and ArrowUp through the matches, Enter picks, Escape closes), and the chosen authors in
 * byline order, each with buttons to move it earlier or remove it.
 */
export function AuthorPicker({
  value,
  onChange,
  errors,
}: {
  value: readonly string[];
  onChange: (slugs: string[]) => void;
  errors: string[];
}) {
  const [authors, setAuthors] = useState<Author[]>([]);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    void loadAuthors().then(setAuthors);
  }, []);
  const bySlug = new Map(authors.map((a) => [a.slug, a]));
  const typed = fold(text.trim());
  const matches =
    typed === ''
      ? []
      : authors
          .filter((a) => !value.includes(a.slug) && (fold(a.name).includes(typed) || a.slug.includes(typed)))
          .slice(0, 8);
  const shown = open && matches.length > 0;
  const choose = (author: Author) => {
    onChange([...value, author.slug]);
    setText('');
    setOpen(false);
    setActive(0);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = matches.length || 1;
      setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
    } else if (e.key === 'Enter' && shown) {
      e.preventDefault();
      const pick = matches[active] ?? matches[0];
      if (pick) choose(pick);
    } else if (e.key === 'Escape') setOpen(false);
  };
  const move = (i: number) => {
    const next = [...value];
    [next[i - 1], next[i]] = [next[i] ?? '', next[i - 1] ?? ''];
    onChange(next);
  };
  const describedBy = ['a-authors-hint', errors.length ? 'a-authors-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={`author-picker${errors.length ? ' field-invalid' : ''}`} id="a-authors">
      <legend>Authors</legend>
      <p class="hint" id="a-authors-hint">
        Type a name and pick from the list; their order here is the byline's. The byline above stays for
        anyone without a record.
      </p>
      {value.length > 0 && (
        <ol class="chosen-authors">
          {value.map((slug, i) => {
            const name = bySlug.get(slug)?.name ?? slug;
            return (
              <li key={slug}>
                <span>{name}</span>
                {i > 0 && (
                  <button type="button" class="link-button" onClick={() => move(i)}>
                    Move {name} earlier
                  </button>
                )}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => onChange(value.filter((s) => s !== slug))}
                >
                  Remove {name}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <label for="a-authors-input">Add an author</label>
      <input
        id="a-authors-input"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls="a-authors-list"
        aria-activedescendant={shown ? `a-author-${matches[active]?.slug ?? ''}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={errors.length > 0 || undefined}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div id="a-authors-list" role="listbox" aria-label="Matching authors" hidden={!shown}>
        {matches.map((a, i) => (
          <div
            key={a.slug}
            id={`a-author-${a.slug}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(a);
            }}
          >
            {a.name}
            {a.title && <span class="hint"> · {a.title}</span>}
          </div>
        ))}
      </div>
      {errors.length > 0 && (
        <p class="error" id="a-authors-error">
          {errors.join('; ')}
        </p>
      )}
    </fieldset>
  );
}
