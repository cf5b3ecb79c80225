import type { CommentSettings, CommentSubmit } from '../../schemas/comment.ts';
import type { CommentStatus } from '../../schemas/facts.ts';
import type { Standing } from '../../store/comments/commenterStore.ts';
import { countLinks, termsIn } from '../textFold.ts';

/** Trusted: enough comments approved by moderators, none ever marked spam, and trust switched on. */
export function isTrusted(standing: Pick<Standing, 'approvals' | 'spamMarks'>, settings: CommentSettings) {
  return settings.trustAfter > 0 && standing.approvals >= settings.trustAfter && standing.spamMarks === 0;
}

/**
 * Where a new comment goes, and why. The rules of `evaluate` (links, blocked terms) come first;
 * then suspect terms, which hold a comment for a moderator even in post mode without calling it
 * spam; then trust, which lets a trusted commenter's clean comment through even in pre mode; then
 * the mode. Every held comment carries the flags saying which rule held it.
 */
export function assess(
  input: Pick<CommentSubmit, 'authorName' | 'authorEmail' | 'body'>,
  settings: CommentSettings,
  trusted: boolean,
): { status: CommentStatus; flags: string[] } {
  const base = evaluate(input, settings);
  const suspect = termsIn(
    `${input.authorName}\n${input.authorEmail ?? ''}\n${input.body}`,
    settings.suspectTerms,
  );
  const flags = [...base.flags, ...suspect.map((term) => `suspect-term:${term}`)];
  if (base.status === 'spam') return { status: 'spam', flags };
  if (flags.length) return { status: 'pending', flags };
  if (trusted) return { status: 'approved', flags: ['trusted'] };
  if (settings.mode === 'pre') return { status: 'pending', flags: ['pre-moderation'] };
  return { status: 'approved', flags };
}

/** The moderation rules: links, blocked terms and mode decide where a new comment goes. */
export function evaluate(
  input: Pick<CommentSubmit, 'authorName' | 'authorEmail' | 'body'>,
  settings: CommentSettings,
): { status: CommentStatus; flags: string[] } {
  const flags: string[] = [];
  // Matched on folded text: lookalikes, fillers, leetspeak, separators and repeats hide nothing.
  const links = countLinks(input.body);
  if (links > settings.maxLinks) flags.push(`links:${links}`);
  const blocked = termsIn(
    `${input.authorName}\n${input.authorEmail ?? ''}\n${input.body}`,
    settings.blockedTerms,
  );
  if (blocked.length) flags.push(...blocked.map((term) => `blocked-term:${term}`));
  // A link farm, or a blocked term wrapped in links, is spam; anything else flagged waits.
  const spam = links > settings.maxLinks + 3 || (blocked.length > 0 && links > settings.maxLinks);
  if (spam) return { status: 'spam', flags };
  if (flags.length || settings.mode === 'pre') return { status: 'pending', flags };
  return { status: 'approved', flags };
}
