import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { editLock } from '../../../shared/desk/editLock.ts';
import { EDITABLE_STATUSES } from '../../../shared/workflow.ts';
import type { Article } from '../api.ts';
import { STATUS_LABELS } from '../ui.tsx';

const ACTION_NAMES: Record<string, string> = {
  withdraw: 'withdraw it from review',
  request_changes: 'request changes',
  restore: 'restore it to draft',
};
const either = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/**
 * Why the story is read-only to this user, from the API's own answer (editable, availableActions)
 * read through the workflow table: nothing here restates which status allows what.
 */
export function EditLockNotice({ article }: { article: Article }) {
  const lock = editLock(article);
  if (!lock) return null;
  const editableIn = either(EDITABLE_STATUSES.map((s) => STATUS_LABELS[s]));
  return (
    <div class="edit-lock" id="edit-lock" role="note" aria-labelledby="edit-lock-title">
      <h2 id="edit-lock-title">Read-only</h2>
      {lock.lockedByStatus ? (
        <p>
          This story is <strong>{STATUS_LABELS[lock.status]}</strong>: its text can be changed only in{' '}
          {editableIn}.{' '}
          {lock.unlockedBy.length > 0
            ? `To change it, ${either(lock.unlockedBy.map((a) => ACTION_NAMES[a] ?? a.replace(/_/g, ' ')))} first (Workflow, above).`
            : 'It comes back to editing when the desk returns it.'}
        </p>
      ) : (
        <p>You may read this story but not change it.</p>
      )}
    </div>
  );
}

/**
 * Makes a form's controls unusable while `locked`, so nothing can be typed that could not be
 * saved. Applied to the rendered form (not each control's props) so that any editor inside it,
 * the body editor included, is covered; contenteditable hosts are switched off too. Controls
 * already disabled for their own reasons are left as they are.
 */
export function useReadOnlyForm(form: RefObject<HTMLFormElement | null>, locked: boolean) {
  useLayoutEffect(() => {
    const root = form.current;
    if (!root) return;
    for (const el of root.querySelectorAll<HTMLElement>('input, textarea, select, button')) {
      if (locked && !el.hasAttribute('disabled')) {
        el.setAttribute('disabled', '');
        el.dataset.locked = '';
      } else if (!locked && el.dataset.locked !== undefined) {
        el.removeAttribute('disabled');
        delete el.dataset.locked;
      }
    }
    for (const el of root.querySelectorAll<HTMLElement>('[contenteditable]')) {
      if (locked && el.isContentEditable) {
        el.setAttribute('contenteditable', 'false');
        el.dataset.locked = '';
      } else if (!locked && el.dataset.locked !== undefined) {
        el.setAttribute('contenteditable', 'true');
        delete el.dataset.locked;
      }
    }
    if (locked) root.setAttribute('aria-describedby', 'edit-lock');
    else root.removeAttribute('aria-describedby');
  });
}
