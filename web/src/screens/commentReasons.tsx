import type { AdminComment, CommentReason } from '../api.ts';
import { formatDate } from '../ui.tsx';

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

type ReportReason = keyof AdminComment['reports']['byReason'];
const REPORT_REASON_WORDS: Record<ReportReason, string> = {
  spam: 'spam',
  abuse: 'abuse',
  off_topic: 'off topic',
  other: 'other',
};

/**
 * "3 reports: spam ×2, abuse ×1": the open reports and what readers gave as their reasons, most
 * given first. Reports made before reasons were kept are counted as "reason not kept".
 */
export function reportLine(comment: Pick<AdminComment, 'reportCount' | 'reports'>): string {
  const n = comment.reportCount;
  const counted = (Object.entries(comment.reports.byReason) as [ReportReason, number][])
    .filter(([, k]) => k > 0)
    .sort((a, b) => b[1] - a[1]);
  const parts = counted.map(([reason, k]) => `${REPORT_REASON_WORDS[reason]} ×${k}`);
  const unknown = n - counted.reduce((sum, [, k]) => sum + k, 0);
  if (unknown > 0 && parts.length) parts.push(`reason not kept ×${unknown}`);
  return `${n} report${n === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The id of a comment's report line, which describes its row in the queue (aria-describedby). */
export const reportLineId = (comment: Pick<AdminComment, 'id'>) => `rp-${comment.id}`;

/**
 * The reasons a comment is where it is, how many readers reported it and why, and what they wrote
 * (the newest few, as plain text: JSX escapes it, nothing is ever read as HTML).
 */
export function CommentReasons({ comment }: { comment: AdminComment }) {
  if (!comment.reasons.length && !comment.reportCount) return null;
  const texts = comment.reportCount > 0 ? comment.reports.texts : [];
  return (
    <>
      <div class="reasons">
        {comment.reportCount > 0 && (
          <span class="report-count" id={reportLineId(comment)}>
            {reportLine(comment)}
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
      {texts.length > 0 && (
        <ul class="report-texts" aria-label={`What readers wrote reporting ${comment.authorName}'s comment`}>
          {texts.map((t, i) => (
            <li key={`${t.at}-${i}`}>
              <span class="report-reason">{REPORT_REASON_WORDS[t.reason]}</span>{' '}
              <q class="report-text">{t.text}</q>{' '}
              <time class="hint" dateTime={t.at}>
                {formatDate(t.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
