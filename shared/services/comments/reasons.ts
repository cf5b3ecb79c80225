import type { CommentReason, ModerationRecord } from '../../schemas/comment.ts';
import type { CommentStatus } from '../../schemas/facts.ts';

/** Each flag (`rule:detail`) as a reason: which rule held the comment, and on what. */
export function flagReasons(flags: readonly string[]): CommentReason[] {
  return flags.map((flag) => {
    const at = flag.indexOf(':');
    return at < 0 ? { rule: flag, detail: null } : { rule: flag.slice(0, at), detail: flag.slice(at + 1) };
  });
}

/** The flags as reasons; decided comments add the moderator's note. */
export function reasonsOf(c: {
  flags: string[];
  status: CommentStatus;
  moderation: ModerationRecord[];
}): CommentReason[] {
  // A comment that is up no longer waits: the mode that held it says nothing about it now.
  const reasons = flagReasons(c.flags).filter(
    (r) => !(c.status === 'approved' && r.rule === 'pre-moderation'),
  );
  const last = c.moderation.at(-1);
  if ((c.status === 'rejected' || c.status === 'spam') && last && last.to === c.status) {
    reasons.push({ rule: last.actor === 'system' ? 'system' : 'moderator', detail: last.note ?? null });
  }
  return reasons;
}
