import type { AdminComment, CommentReason } from '../api.ts';

/** What a rule that held, rejected or let through a comment means, in a moderator's words. */
export function reasonText({ rule, detail }: CommentReason): string {
  switch (rule) {
    case 'blocked-term':
      return `Blocked term “${detail ?? ''}”`;
    case 'suspect-term':
      return `Suspect term “${detail ?? ''}”`;
    case 'links':
      return `Too many links${detail ? ` (${detail})` : ''}`;
    case 'reports':
      return `Held back by reader reports${detail ? ` (threshold ${detail})` : ''}`;
    case 'pre-moderation':
      return 'Pre-moderation: every comment waits';
    case 'trusted':
      return 'Trusted commenter';
    case 'banned':
      return 'Banned commenter';
    case 'moderator':
      return detail ? `Moderator’s note: ${detail}` : 'Decided by a moderator';
    case 'system':
      return detail ? `System: ${detail}` : 'Decided by the system';
    default:
      return detail ? `${rule.replace(/-/g, ' ')}: ${detail}` : rule.replace(/-/g, ' ');
  }
}

/** The reasons a comment is where it is, and how many readers reported it. */
export function CommentReasons({ comment }: { comment: AdminComment }) {
  if (!comment.reasons.length && !comment.reportCount) return null;
  return (
    <div class="reasons">
      {comment.reportCount > 0 && (
        <span class="report-count">
          {comment.reportCount} report{comment.reportCount === 1 ? '' : 's'}
        </span>
      )}
      {comment.reasons.length > 0 && (
        <ul aria-label={`Why ${comment.authorName}'s comment is here`}>
          {comment.reasons.map((r, i) => (
            <li key={`${r.rule}-${i}`} class={`reason reason-${r.rule}`}>
              {reasonText(r)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
