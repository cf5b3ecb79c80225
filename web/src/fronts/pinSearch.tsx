import { useEffect, useState } from 'preact/hooks';
import { type ArticleSummary, api, type Problem } from '../api.ts';
import { SEARCH_DEBOUNCE_MS } from '../search.tsx';
import { ProblemBanner, StatusBadge } from '../ui.tsx';

/** What the editor knows of a pinned story: enough to name it and to say whether it is live. */
export interface StoryRef {
  id: string;
  title: string;
  section: string;
  status: ArticleSummary['status'];
}

/**
 * Pin by search: the newsroom's own article search (the admin list with q, drafts included, as the
 * article list uses it), a request per pause in typing; each hit is a button that pins it.
 */
export function PinSearch({ id, onPick }: { id: string; onPick: (story: StoryRef) => void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<StoryRef[]>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    const words = text.trim();
    if (!words) return setHits(undefined);
    let current = true;
    const timer = setTimeout(async () => {
      const result = await api.listArticles({ q: words, limit: 8 });
      if (!current) return;
      if (!result.ok) return setProblem(result.problem);
      setProblem(undefined);
      setHits(result.data.items.map(({ id, title, section, status }) => ({ id, title, section, status })));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div class="pin-search">
      <div class="field">
        <label for={id}>Find a story to pin</label>
        <input
          id={id}
          type="search"
          value={text}
          autoComplete="off"
          placeholder="Words from the headline"
          aria-describedby={`${id}-count`}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <ProblemBanner problem={problem} />
      <p class="hint" id={`${id}-count`} aria-live="polite">
        {hits ? `${hits.length} ${hits.length === 1 ? 'story' : 'stories'} found` : ''}
      </p>
      {hits && hits.length > 0 && (
        <ul class="pin-hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(hit);
                  setText('');
                }}
              >
                Pin “{hit.title}”
              </button>{' '}
              <span class="hint">{hit.section}</span> <StatusBadge status={hit.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
