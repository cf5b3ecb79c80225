import { batchGetTables } from '../batch.ts';
import type { CommentStore } from '../commentStore.ts';
import { commentKeys, keys } from '../keys.ts';
import { parse, type StoredComment, type StoredSnapshot } from '../model.ts';
import type { CommenterStore, Standing } from './commenterStore.ts';

/** What a comment submission reads before its one transaction. */
export interface SubmissionReads {
  /** The live snapshot, read eventually consistent: the transaction checks it again. */
  snapshot: StoredSnapshot | null;
  /** The comment replied to, if any, read strongly consistent. */
  parent: StoredComment | null;
  standing: Standing;
}

/**
 * Everything a submission reads, in one BatchGetItem over both tables: the live snapshot (content
 * table, eventually consistent: the transaction re-checks that it exists with comments enabled),
 * and on the comments table, strongly consistent, the parent of a reply and the commenter's ban
 * markers and trust record. With the transaction that stores the comment, a submission is two
 * requests, a reply included (DynamoDB bills each item read as a GetItem would be billed).
 */
export async function readForSubmission(
  comments: CommentStore,
  commenters: CommenterStore,
  request: { slug: string; parentId: string | undefined; fingerprint: string; emailHash: string | undefined },
  now: Date,
): Promise<SubmissionReads> {
  const snapshotKey = keys.liveSnapshot(request.slug);
  const parentKey = request.parentId ? commentKeys.comment(request.parentId) : null;
  const standingKeys = commenters.standingKeys(request.fingerprint, request.emailHash);
  const found = await batchGetTables(comments.db, {
    [comments.contentTableName]: { keys: [snapshotKey] },
    [comments.tableName]: { keys: [...(parentKey ? [parentKey] : []), ...standingKeys], consistent: true },
  });
  const onComments = found[comments.tableName] ?? [];
  const snapshot = found[comments.contentTableName]?.[0];
  const parent = parentKey
    ? onComments.find((item) => item.pk === parentKey.pk && item.sk === parentKey.sk)
    : undefined;
  const standing = onComments.filter((item) => item !== parent);
  return {
    snapshot: snapshot ? parse.snapshot(snapshot) : null,
    parent: parent ? parse.comment(parent) : null,
    standing: commenters.standingOf(standing, now),
  };
}
