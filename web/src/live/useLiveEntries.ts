import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { type Coverage, type LiveEntry, liveApi } from './liveApi.ts';

/** How often the desk asks for the newest entries: about as often as a reader's page does. */
export const POLL_SECONDS = 4;
/** How long an entry someone else posted keeps its "New" marker. */
const FRESH_SECONDS = 60;

const newestFirst = (a: LiveEntry, b: LiveEntry) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The coverage and its entries, kept current: the desk's first page every POLL_SECONDS, merged by
 * id (a newer version replaces an older one; nothing is dropped), newest first. Entries that come
 * by a poll and are not the reader's own are `fresh` for a minute.
 */
export function useLiveEntries(articleId: string, me: string) {
  const [coverage, setCoverage] = useState<Coverage | null>();
  const [entries, setEntries] = useState<LiveEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const known = useRef(new Set<string>());
  const loaded = useRef(false);

  const merge = (items: readonly LiveEntry[]) => {
    const arriving = items.filter((e) => !known.current.has(e.id));
    for (const e of items) known.current.add(e.id);
    setEntries((before) => {
      const byId = new Map(before.map((e) => [e.id, e]));
      for (const e of items) {
        const had = byId.get(e.id);
        if (!had || had.version <= e.version) byId.set(e.id, e);
      }
      return [...byId.values()].sort(newestFirst);
    });
    const others = loaded.current ? arriving.filter((e) => !e.authors.includes(me)).map((e) => e.id) : [];
    if (others.length) {
      setFresh((before) => new Set([...before, ...others]));
      setTimeout(
        () => setFresh((before) => new Set([...before].filter((id) => !others.includes(id)))),
        FRESH_SECONDS * 1000,
      );
    }
  };

  const refresh = async () => {
    const result = await liveApi.entries(articleId);
    if (!result.ok) {
      if (result.problem.status === 404) setCoverage(null);
      // A failed poll leaves what is shown; a 404 is "no coverage", not a failure.
      else setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setCoverage(result.data.coverage);
    merge(result.data.items);
    if (!loaded.current) setCursor(result.data.nextCursor);
    loaded.current = true;
  };

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(() => void tick(), POLL_SECONDS * 1000);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [articleId]);

  const older = async (after: string) => {
    const result = await liveApi.entries(articleId, after);
    if (!result.ok) return setProblem(result.problem);
    merge(result.data.items);
    setCursor(result.data.nextCursor);
  };

  /** An entry this desk posted or changed: shown at once, never marked as someone else's. */
  const put = (entry: LiveEntry) => {
    known.current.add(entry.id);
    merge([entry]);
  };

  return { coverage, setCoverage, entries, cursor, older, problem, fresh, put, refresh };
}
