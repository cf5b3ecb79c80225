import type { CommentStatus, ModerationAction } from '../api.ts';

/** Ends a notice with a full stop, unless it ends one already (a name such as "Sam R."). */
export const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** "1 comment", "3 comments". */
export const comments = (n: number) => `${n} comment${n === 1 ? '' : 's'}`;

/** A queue: comments by status, or the reported queue (approved comments with open reports). */
export type Queue = CommentStatus | 'reported';
export const TABS: { status: Queue; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'reported', label: 'Reported' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'spam', label: 'Spam' },
];

/** The actions each queue offers: by the status they apply to, and `only` in one queue. */
export const ACTIONS: {
  action: ModerationAction;
  label: string;
  done: string;
  from: CommentStatus[];
  only?: Queue;
}[] = [
  // Reports are wrong about this one: it stays up, its reports close, it leaves the queue.
  { action: 'keep', label: 'Keep', done: 'Kept, reports dismissed', from: ['approved'], only: 'reported' },
  { action: 'approve', label: 'Approve', done: 'Approved', from: ['pending', 'rejected', 'spam'] },
  { action: 'reject', label: 'Reject', done: 'Rejected', from: ['pending', 'approved', 'spam'] },
  { action: 'spam', label: 'Spam', done: 'Marked as spam', from: ['pending', 'approved', 'rejected'] },
  {
    action: 'requeue',
    label: 'Back to pending',
    done: 'Back in the queue',
    from: ['approved', 'rejected', 'spam'],
  },
];

/** Whether a queue offers an action. */
export const offeredIn = (queue: Queue, action: ModerationAction) => {
  const status: CommentStatus = queue === 'reported' ? 'approved' : queue;
  const meta = ACTIONS.find((a) => a.action === action);
  return !!meta && meta.from.includes(status) && (!meta.only || meta.only === queue);
};

export const KEYS: [string, string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['a', 'Approve the current comment'],
  ['r', 'Reject the current comment'],
  ['s', 'Mark the current comment as spam'],
  ['f', 'Feature or unfeature the current approved comment'],
  ['d', 'Keep the current reported comment and dismiss its reports'],
  ['x', 'Select or deselect the current comment'],
  ['Shift+A', 'Approve the selected comments'],
  ['Shift+R', 'Reject the selected comments'],
  ['Shift+S', 'Mark the selected comments as spam'],
  ['u', 'Undo the last decision (while its Undo button shows)'],
  ['h', "Show or hide the earlier comments of the current comment's writer"],
  ['b', 'Ban the writer of the current comment'],
  ['?', 'Show or hide this list'],
];

/** Keys typed into a text field are text, not shortcuts (a focused checkbox or button is fine). */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)));
