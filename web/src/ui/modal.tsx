/** A generic modal dialog any screen can use (the media picker, history, the publish dialog). */
import { type ComponentChildren, createPortal } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  // Taken at the first render, in the same task as the click or key that opened the dialog, before
  // anything (the effect below focuses the heading) moves focus.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const unmounted = useRef(false);
  // A layout effect: Preact runs its cleanup as the dialog unmounts, before the element leaves the
  // page (a plain effect's cleanup comes a frame later, with focus lost to the body meanwhile).
  useLayoutEffect(() => {
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
      // Escape is handled on its keydown: cancelling that keeps the browser from closing the
      // dialog by itself (it may, without a cancelable cancel event, when no click or key came
      // since the last close request), so the dialog closes only by unmounting, which puts focus
      // back on its opener in the same task.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Any other close the browser makes on its own: focus back at once, then the screen's state.
      // (The queued close event also arrives after an unmount's own close(): ignored then.)
      onClose={() => {
        if (unmounted.current) return;
        if (opener?.isConnected) opener.focus();
        onClose();
      }}
      onKeyDown={(event) => {
        // An inner control that took the Escape (a list it closed) keeps the dialog open.
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
          return;
        }
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
