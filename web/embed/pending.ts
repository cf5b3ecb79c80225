import type { Comment } from './api.ts';

/**
 * Comments this browser posted that wait for a moderator, so their writer sees them (marked
 * pending) and nobody else does. Kept in localStorage, per story, for a week at most: not a
 * cookie, never sent anywhere. A comment found in the thread (approved) is dropped from the list.
 */
const WEEK_MS = 7 * 24 * 3600 * 1000;
const key = (slug: string) => `newsroom-comments:pending:${slug}`;

export function readPending(slug: string, now = Date.now()): Comment[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key(slug)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return (raw as Comment[]).filter(
      (c) => typeof c?.id === 'string' && now - Date.parse(c.createdAt) < WEEK_MS,
    );
  } catch {
    // Storage blocked (private mode, a sandboxed frame): pending comments show until the reload.
    return [];
  }
}

export function writePending(slug: string, comments: readonly Comment[]): void {
  try {
    if (comments.length) localStorage.setItem(key(slug), JSON.stringify(comments));
    else localStorage.removeItem(key(slug));
  } catch {
    // As above: nothing to keep it in.
  }
}
