import { useEffect, useRef, useState } from 'preact/hooks';
import { DESK_LIMITS } from '../../../shared/schemas/desk.ts';
import { api } from '../api.ts';

export interface Present {
  user: string;
  unsaved: boolean;
}

/** "erin (unsaved changes) and bob also have this article open." */
export function presenceSentence(others: readonly Present[]): string {
  const names = others.map((p) => (p.unsaved ? `${p.user} (unsaved changes)` : p.user));
  const list =
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} also ${names.length === 1 ? 'has' : 'have'} this article open.`;
}

/**
 * Who else has the article open: a heartbeat every heartbeatSeconds, and at once when this person's
 * edits become saved or unsaved, so the others learn it within a request, not half a minute. The
 * answer of each heartbeat is the line. Leaving the editor says so, so the line of the others
 * empties at once; a closed tab drops out when its last heartbeat stops counting.
 */
export function usePresence(articleId: string, unsaved: boolean): Present[] {
  const [others, setOthers] = useState<Present[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const state = useRef({ unsaved, live: true, inFlight: Promise.resolve() as Promise<unknown> });
  state.current.unsaved = unsaved;

  const beat = async () => {
    if (timer.current) clearTimeout(timer.current);
    const request = api.putPresence(articleId, state.current.unsaved);
    state.current.inFlight = request;
    const result = await request;
    if (!state.current.live) return;
    const every = result.ok ? result.data.heartbeatSeconds : DESK_LIMITS.heartbeatSeconds;
    if (result.ok) setOthers(result.data.items);
    timer.current = setTimeout(() => void beat(), every * 1000);
  };

  useEffect(() => {
    state.current.live = true;
    return () => {
      state.current.live = false;
      if (timer.current) clearTimeout(timer.current);
      // After a heartbeat in flight, or that heartbeat would put this person back for a minute.
      void state.current.inFlight.then(() => api.deletePresence(articleId));
    };
  }, [articleId]);

  useEffect(() => {
    void beat();
  }, [articleId, unsaved]);

  return others;
}

/** One line under the article's heading; nothing when no one else is here. */
export function PresenceLine({ others }: { others: readonly Present[] }) {
  return (
    <p class="presence" role="status">
      {others.length > 0 && (
        <>
          {presenceSentence(others)}{' '}
          <span class="hint">
            Anyone may still edit; if someone saves first, your save shows what changed.
          </span>
        </>
      )}
    </p>
  );
}
