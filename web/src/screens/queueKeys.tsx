import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AdminComment, ModerationAction } from '../api.ts';
import { isTyping, KEYS, type Queue } from './queueActions.ts';
import type { Toast } from './undoToast.tsx';

/** The list of keys the queue answers to, opened with "?" or its button. */
export function KeyHelp() {
  const ref = useRef<HTMLElement>(null);
  // Opened with "?" far down the queue, the list is brought into view (focus stays on the comment).
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section id="key-help" class="key-help" aria-labelledby="key-help-title" ref={ref}>
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
  );
}

/** What the keys act on: the queue's state as last rendered, and the screen's actions. */
export interface QueueKeys {
  queue: Queue;
  state: RefObject<{ items: AdminComment[] | undefined; current: number; toast: Toast | undefined }>;
  rows: RefObject<(HTMLLIElement | null)[]>;
  setCurrent: (at: number) => void;
  toggleHelp: () => void;
  moderate: (comment: AdminComment, action: ModerationAction) => Promise<void>;
  moderateSelected: (action: ModerationAction) => Promise<void>;
  toggleFeatured: (comment: AdminComment) => Promise<void>;
  toggleSelected: (id: string) => void;
  openBan: (id: string) => void;
  toggleHistory: (id: string) => void;
}

/**
 * Keyboard moderation, as in WordPress: j/k move, a/r/s act, x selects, Shift+A/R/S act on the
 * selection, u undoes, h shows the writer's history, ? shows the keys. Bound again when the queue
 * changes (the actions read the rest through `state`).
 */
export function useQueueKeys(keys: QueueKeys) {
  const { queue, state, rows } = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // Inside the ban form (its checkbox, its buttons) keys belong to the form.
      if (event.target instanceof Element && event.target.closest('.ban-form')) return;
      const { items: list, current: at } = state.current ?? { items: undefined, current: 0 };
      if (event.key === '?') {
        keys.toggleHelp();
        event.preventDefault();
        return;
      }
      if (event.key === 'u') {
        const undo = state.current?.toast?.undo;
        if (undo) {
          event.preventDefault();
          undo();
        }
        return;
      }
      const bulk = { A: 'approve', R: 'reject', S: 'spam' } as const;
      if (event.shiftKey && event.key in bulk) {
        event.preventDefault();
        void keys.moderateSelected(bulk[event.key as keyof typeof bulk]);
        return;
      }
      if (!list?.length) return;
      const here = list[Math.min(at, list.length - 1)];
      const move = (to: number) => {
        const next = Math.max(0, Math.min(list.length - 1, to));
        keys.setCurrent(next);
        rows.current?.[next]?.focus();
      };
      switch (event.key) {
        case 'j':
          move(at + 1);
          break;
        case 'k':
          move(at - 1);
          break;
        case 'a':
          if (here) void keys.moderate(here, 'approve');
          break;
        case 'r':
          if (here) void keys.moderate(here, 'reject');
          break;
        case 's':
          if (here) void keys.moderate(here, 'spam');
          break;
        case 'b':
          if (here) keys.openBan(here.id);
          break;
        case 'h':
          if (here) keys.toggleHistory(here.id);
          break;
        case 'f':
          if (here?.status === 'approved' && queue === 'approved') void keys.toggleFeatured(here);
          break;
        case 'd':
          if (here && queue === 'reported') void keys.moderate(here, 'keep');
          break;
        case 'x':
          if (here) keys.toggleSelected(here.id);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [queue]);
}
