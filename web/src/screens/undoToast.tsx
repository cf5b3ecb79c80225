import { useEffect, useRef, useState } from 'preact/hooks';

/** How long a decision's Undo is offered: the server allows longer (UNDO_SECONDS), never less. */
export const UNDO_MS = 10_000;

/** What the toast says, and the decision it can take back (none for a plain message). */
export interface Toast {
  message: string;
  undo?: () => void;
  /** A new decision with the same words is a new toast (its timer starts again). */
  key: number;
}

/**
 * The decision just made, in a live region at the foot of the screen, with Undo for a few seconds.
 * The timer pauses while the toast has focus or the pointer (WCAG 2.2.1: time to act); the key
 * `u` undoes too (the queue's keyboard handler calls the same function).
 */
export function UndoToast({ toast, onExpire }: { toast: Toast | undefined; onExpire: () => void }) {
  const [held, setHeld] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!toast?.undo || held) return;
    const timer = setTimeout(onExpire, UNDO_MS);
    return () => clearTimeout(timer);
  }, [toast?.key, held]);
  // The region stays in the page, empty between toasts, so what it says next is announced.
  return (
    <div
      class={`toast${toast ? ' toast-shown' : ''}`}
      role="status"
      ref={ref}
      onFocusIn={() => setHeld(true)}
      onFocusOut={(e) => {
        if (!ref.current?.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
    >
      {toast && (
        <>
          <p>{toast.message}</p>
          {toast.undo && (
            <button type="button" onClick={toast.undo}>
              Undo
            </button>
          )}
        </>
      )}
    </div>
  );
}
