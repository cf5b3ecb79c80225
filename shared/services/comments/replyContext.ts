import type { ReplyContext } from '../../schemas/comment.ts';
import { batchGet } from '../../store/batch.ts';
import { commentKeys } from '../../store/commentKeys.ts';
import type { CommentStore, StoredComment } from '../../store/commentStore.ts';
import { parse } from '../../store/model.ts';
import type { Page } from '../../store/query.ts';

/** How much of the comment a reply answers a moderator reads beside it (ReplyContextSchema says 200). */
export const REPLY_EXCERPT_CHARS = 200;

const excerptOf = (body: string) =>
  body.length <= REPLY_EXCERPT_CHARS ? body : `${body.slice(0, REPLY_EXCERPT_CHARS - 1).trimEnd()}…`;

/**
 * A queue's page with, on each reply, the comment it answers (its thread's top-level comment): a
 * reply read alone ("yes, exactly") cannot be judged. Read when the page is, in one BatchGetItem
 * of the parents not on the page (none for a page without replies), so an erased or edited parent
 * shows as it is now and nothing is copied onto the reply. A parent gone since is left out.
 */
export function createReplyContext(comments: CommentStore) {
  return async function withReplyContext<T extends StoredComment>(
    page: Page<T>,
  ): Promise<Page<T & { inReplyTo?: ReplyContext }>> {
    const known = new Map<string, StoredComment>(page.items.map((c) => [c.id, c]));
    const missing = [
      ...new Set(page.items.flatMap((c) => (c.parentId && !known.has(c.parentId) ? [c.parentId] : []))),
    ];
    if (missing.length > 0) {
      const found = await batchGet(
        comments.db,
        comments.tableName,
        missing.map((id) => commentKeys.comment(id)),
      );
      for (const item of found) {
        const parent = parse.comment(item);
        known.set(parent.id, parent);
      }
    }
    return {
      ...page,
      items: page.items.map((c) => {
        const parent = c.parentId ? known.get(c.parentId) : undefined;
        if (!parent) return c;
        const inReplyTo: ReplyContext = {
          id: parent.id,
          authorName: parent.authorName,
          excerpt: excerptOf(parent.body),
          status: parent.status,
        };
        return { ...c, inReplyTo };
      }),
    };
  };
}
