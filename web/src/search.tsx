import { useEffect, useRef, useState } from 'preact/hooks';

/** How long typing must pause before a list searches: a request per pause, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Pieces of a text as the API marks them: those with match true are the words a search found. */
export type Pieces = readonly { text: string; match: boolean }[];

/**
 * The words typed in a list's search box. The list follows them as they are typed, `reload` a
 * moment after the last key; the list's own fetch reads `q` (trimmed, undefined when empty).
 */
export function useTypedSearch(reload: () => unknown, initial = '') {
  const [q, setQ] = useState(initial);
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => void reload(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);
  return {
    q,
    /** What to send as `q`: nothing while the box is empty. */
    words: q.trim() ? q : undefined,
    onInput: (event: Event) => {
      typed.current = true;
      setQ((event.currentTarget as HTMLInputElement).value);
    },
  };
}

/** A list's search box; results come as the words are typed (useTypedSearch). */
export function SearchBox({
  id,
  label = 'Search',
  placeholder,
  search,
}: {
  id: string;
  label?: string;
  placeholder: string;
  search: Pick<ReturnType<typeof useTypedSearch>, 'q' | 'onInput'>;
}) {
  return (
    <div class="field search">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={search.q}
        placeholder={placeholder}
        autoComplete="off"
        onInput={search.onInput}
      />
    </div>
  );
}

/**
 * A text with the words a search found in <mark>, from the API's pieces (plain text, never
 * markup); the text as it is when the search found nothing in it.
 */
export function Marked({ pieces, text }: { pieces: Pieces | undefined; text: string }) {
  if (!pieces || pieces.length === 0) return <>{text}</>;
  return (
    <>
      {pieces.map((piece, i) =>
        piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
      )}
    </>
  );
}
