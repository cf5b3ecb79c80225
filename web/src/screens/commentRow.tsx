import type { AdminComment, ModerationAction } from '../api.ts';
import { Marked } from '../search.tsx';
import { formatDate, Link } from '../ui.tsx';
import { BanForm, type BanResult } from './banForm.tsx';
import { CommenterHistory } from './commenterHistory.tsx';
import { CommentReasons, reportLineId } from './commentReasons.tsx';
import type { ACTIONS, Queue } from './queueActions.ts';

export interface RowProps {
  comment: AdminComment;
  queue: Queue;
  current: boolean;
  selected: boolean;
  actions: typeof ACTIONS;
  banning: boolean;
  historyOpen: boolean;
  /** The queue of this comment's article only. */
  articleHref: string;
  rowRef: (el: HTMLLIElement | null) => void;
  onFocus: () => void;
  onSelect: () => void;
  onAction: (action: ModerationAction) => void;
  onFeature: () => void;
  onBan: (open: boolean) => void;
  onBanned: (ban: BanResult) => void;
  onHistory: () => void;
}

/** One comment in the queue: who, why it is here, what it says, its article, and what to do. */
export function CommentRow(p: RowProps) {
  const c = p.comment;
  return (
    <li
      ref={p.rowRef}
      tabIndex={-1}
      class={p.current ? 'current' : undefined}
      aria-current={p.current ? 'true' : undefined}
      aria-labelledby={`cm-${c.id}`}
      aria-describedby={c.reportCount > 0 ? reportLineId(c) : undefined}
      onFocusIn={p.onFocus}
    >
      <div class="comment-head">
        <div class="check">
          <input type="checkbox" id={`sel-${c.id}`} checked={p.selected} onChange={p.onSelect} />
          <label for={`sel-${c.id}`} id={`cm-${c.id}`}>
            <Marked pieces={c.highlights?.authorName} text={c.authorName} />
          </label>
        </div>
        <span class="hint">
          {c.authorEmail ? `${c.authorEmail} · ` : ''}
          <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
          {c.parentId && !c.inReplyTo ? ' · reply' : ''}
        </span>
        {c.featured && <span class="featured-mark">Featured</span>}
      </div>
      {c.inReplyTo && (
        // What it answers: a reply read alone ("yes, exactly") cannot be judged.
        <p class="in-reply-to">
          Reply to <strong>{c.inReplyTo.authorName}</strong>
          {c.inReplyTo.status === 'approved' ? '' : ` (${c.inReplyTo.status})`}: “{c.inReplyTo.excerpt}”
        </p>
      )}
      <CommentReasons comment={c} />
      <p class="comment-body">
        <Marked pieces={c.highlights?.body} text={c.body} />
      </p>
      <p class="on-article">
        On{' '}
        <Link href={p.articleHref} title="Show only this article's comments">
          {c.article.title}
        </Link>
      </p>
      <div class="actions">
        {p.actions.map((a) => (
          <button
            key={a.action}
            type="button"
            class={
              a.action === 'approve' || a.action === 'keep'
                ? 'primary'
                : a.action === 'spam'
                  ? 'danger'
                  : undefined
            }
            onClick={() => p.onAction(a.action)}
          >
            {a.label}
          </button>
        ))}
        {p.queue === 'approved' && c.status === 'approved' && (
          <button type="button" aria-pressed={c.featured} onClick={p.onFeature}>
            {c.featured ? 'Unfeature' : 'Feature'}
          </button>
        )}
        <button type="button" aria-expanded={p.historyOpen} onClick={p.onHistory}>
          History
        </button>
        <button type="button" class="danger" aria-expanded={p.banning} onClick={() => p.onBan(!p.banning)}>
          Ban writer
        </button>
      </div>
      {p.historyOpen && <CommenterHistory comment={c} />}
      {p.banning && <BanForm comment={c} onBanned={p.onBanned} onCancel={() => p.onBan(false)} />}
    </li>
  );
}
