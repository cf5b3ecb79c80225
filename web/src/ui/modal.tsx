/** A generic modal dialog any screen can use (the media picker, history, the publish dialog). */
import { type ComponentChildren, createPortal } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { uid } from '../ui.tsx';

/** The elements inside `root` that Tab can reach, in order. */
function tabbable(root: HTMLElement): HTMLElement[] {
  const selector =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  return [...root.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => el.offsetParent !== null || el === document.activeElement,
  );
}

/**
 * A modal dialog: the page behind it is inert, Tab and Shift+Tab stay inside, Escape closes it,
 * and focus goes back to what had it when it opened.
 */
export function Modal({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useRef(uid('dialog')).current;
  // Taken at the first render, in the same task as the click or key that opened the dialog: the
  // effect below runs after a paint, and on a loaded machine focus can have moved by then.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const unmounted = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      unmounted.current = true;
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return createPortal(
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // The browser may close a modal without a cancelable cancel (a second Escape with no click
      // or key between them): keep the screen's state in step, so the dialog unmounts and focus
      // goes back to its opener as it does after Close.
      // The close event is queued, so it also arrives after an unmount's own close(): ignore that.
      onClose={() => {
        if (!unmounted.current) onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab' || !ref.current) return;
        const items = tabbable(ref.current);
        const first = items[0];
        const last = items.at(-1);
        if (!first || !last) return;
        if (
          event.shiftKey &&
          (document.activeElement === first || !ref.current.contains(document.activeElement))
        ) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <div class="modal-head">
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </dialog>,
    document.body,
  );
}
