import { type AdminComment, api } from '../api.ts';
import { formatDate, LoadMore, ProblemBanner, usePages } from '../ui.tsx';

const STATUS_WORDS: Record<AdminComment['status'], string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
};

const ACTION_WORDS: Record<AdminComment['moderation'][number]['action'], string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  requeue: 'Sent back to pending',
  feature: 'Featured',
  unfeature: 'Unfeatured',
  keep: 'Kept, reports dismissed,',
  undo: 'Decision undone',
};

/** The last word on a comment: "Rejected by mo-2, Dec 5, 2026, 10:42 AM: off topic". */
function lastDecision(c: AdminComment): string | null {
  const last = c.moderation.at(-1);
  if (!last) return null;
  const who = last.actor === 'system' ? 'the system (reader reports)' : last.actor;
  return `${ACTION_WORDS[last.action]} by ${who}, ${formatDate(last.at)}${last.note ? `: ${last.note}` : ''}`;
}

/**
 * The writer's earlier comments, beside the one being decided (as Coral's history drawer): newest
 * first, each with its status, article and last decision; five a page, one API call a page.
 */
export function CommenterHistory({ comment }: { comment: AdminComment }) {
  const { items, cursor, problem, load } = usePages((cursor) => api.commenterHistory(comment.id, cursor));
  const id = `hist-${comment.id}`;
  const tally = items
    ? (['approved', 'pending', 'rejected', 'spam'] as const)
        .map((s) => [s, items.filter((c) => c.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')
    : '';
  return (
    <section class="history" aria-labelledby={id}>
      <h3 id={id}>
        {comment.authorName}’s earlier comments{' '}
        <span class="hint">
          ({comment.authorEmail ? `by the email ${comment.authorEmail}` : 'from the same browser and address'}
          )
        </span>
      </h3>
      <ProblemBanner problem={problem} />
      {!items && !problem && <p class="hint">Loading their comments…</p>}
      {items && items.length === 0 && <p class="empty">No earlier comments: this is their first.</p>}
      {items && items.length > 0 && (
        <>
          <p class="hint">
            {items.length}
            {cursor ? '+' : ''} shown: {tally}.
          </p>
          <ol class="history-list">
            {items.map((c) => (
              <li key={c.id}>
                <span class={`badge status-${c.status}`}>{STATUS_WORDS[c.status]}</span>{' '}
                <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                {' · '}
                <span class="hint">{c.article.title}</span>
                <p class="history-body">{c.body}</p>
                {lastDecision(c) && <p class="hint">{lastDecision(c)}</p>}
              </li>
            ))}
          </ol>
          <LoadMore cursor={cursor} load={load} label="More of their comments" />
        </>
      )}
    </section>
  );
}
