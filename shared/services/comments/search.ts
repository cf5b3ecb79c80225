import type { CommentStatus } from '../../schemas/facts.ts';
import type { Highlights } from '../../schemas/highlights.ts';
import { filterTerm } from '../../search/keys.ts';
import type { SearchIndex } from '../../search/searchIndex.ts';
import { batchGet } from '../../store/batch.ts';
import { commentKeys } from '../../store/commentKeys.ts';
import type { StoredComment } from '../../store/commentModel.ts';
import type { CommentStore } from '../../store/commentStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { parse } from '../../store/model.ts';
import { findIds, highlightsOf } from '../search.ts';

/** A queue to search: one status (optionally of one article), or the reported queue. */
export type QueueFilter = { status: CommentStatus; articleId?: string | undefined } | { reported: true };

const inQueue = (comment: StoredComment, filter: QueueFilter) =>
  'reported' in filter
    ? comment.status === 'approved' && comment.reportCount > 0
    : comment.status === filter.status &&
      (filter.articleId === undefined || comment.articleId === filter.articleId);

/**
 * The moderators' search of a queue: comments whose text or commenter's name hold every word (the
 * last as a prefix while typed), newest first, with the queue's filters as required terms of the
 * query. Hits are read from the comments table by id (one BatchGetItem for the page) and checked
 * again against the queue as read, so a comment decided a moment ago, which the index may still
 * list under its old status, is not shown in a queue it has left.
 */
export function createCommentSearch({ comments, search }: { comments: CommentStore; search: SearchIndex }) {
  return async (
    filter: QueueFilter,
    q: string,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<{ items: (StoredComment & { highlights: Highlights })[]; lastKey: PageKey | undefined }> => {
    const filters =
      'reported' in filter
        ? [filterTerm('reported', 'open')]
        : [
            filterTerm('status', filter.status),
            ...(filter.articleId ? [filterTerm('article', filter.articleId)] : []),
          ];
    const { query, ids, lastKey } = await findIds(search, 'comments', q, filters, limit, startKey);
    const found = new Map(
      (await batchGet(comments.db, comments.tableName, ids.map(commentKeys.comment)))
        .map((item) => parse.comment(item))
        .map((comment) => [comment.id, comment]),
    );
    const items = ids.flatMap((id) => {
      const comment = found.get(id);
      if (!comment || !inQueue(comment, filter)) return [];
      const { body, authorName } = comment;
      return [{ ...comment, highlights: highlightsOf(query, { body, authorName }) }];
    });
    return { items, lastKey };
  };
}
